package dev.plateau.runs;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The leak verdict's arithmetic: the slope of a memory metric against cumulative requests (or elapsed time),
 * after warm-up, by a robust method.
 *
 * <p><b>Warm-up.</b> Memory legitimately grows while buffers and pools reach their working size, so the fit
 * skips the start of the run. The warm-up ends at the later of (a) the first sample whose x has covered
 * {@code warmupFraction} (default 20%) of the run's x range and (b) the first sample whose value has reached
 * the median of the last quarter of the run (the level the run settles at) — but never later than half of the
 * x range, so at least half of the run is always fitted. A ramp that turns into a plateau is thus cut off where
 * the plateau begins (not at 90% of the ramp, which would leave its last tenth in the fit and in the growth
 * after warm-up); a metric that grows all the way keeps its second half, which still grows.
 *
 * <p>Against requests, the fit ends at the last sample where the request count still rose: samples taken after
 * the load stopped (a scenario's settle time, when idle connections may be closed) say nothing about bytes per
 * request and would pull the median down.
 *
 * <p><b>Slope.</b> Theil–Sen: the median of the slopes {@code (y[j]-y[i])/(x[j]-x[i])} over pairs with
 * different x. It ignores up to ~29% of outliers (a GC, a spike) and does not need the noise to be normal.
 * Up to {@value #MAX_PAIRS} pairs are all used (about 700 points); beyond that, {@value #MAX_PAIRS} pairs are
 * drawn with a fixed seed, so the cost stays O(P log P) whatever n and the result is reproducible.
 *
 * <p><b>Verdict (independent of the unit of x).</b> The slope times the span of x over the fitted window is the
 * growth the fit explains, in y's own unit (bytes) whatever x is. {@link Verdict#GROWING} when that fitted growth
 * exceeds a fraction of the level — the median of y over the fitted window — (default 10 %) <i>and</i> an
 * absolute floor (default 1 MiB for byte series, 0 for others): so the same leak is growing whether x counts
 * requests, records or seconds, and a plateau with a little noise stays a plateau however long the run. The
 * The rise must also be a trend, not a slope read into noise: the Mann–Kendall statistic over the same pairs
 * must exceed {@value #SIGNIFICANT_Z} (one-sided 95 %; {@link #kendallZ}). The
 * threshold can be overridden ({@link Threshold#parse}): another fraction ({@code 5%}), or an absolute slope in
 * bytes per unit of x ({@code 1KiB}: the seed's yardstick, before its fixes ~50–100 KB per request, after
 * < 1 KB) — that one does depend on the unit. {@link Verdict#INSUFFICIENT_DATA} with fewer than
 * {@value #MIN_POINTS} fitted points or no spread in x.
 *
 * <pre>{@code
 * TrendResult t = new Trend().fit(requests, connBufferBytes);   // x = cumulative requests, default 10 % rule
 * if (t.verdict() == Verdict.GROWING) ...
 * TrendResult byTime = new Trend().fitElapsed(elapsedS, rssBytes);              // bytes per second, same verdict
 * TrendResult perRecord = new Trend(Threshold.parse("1KiB")).fit(records, rss, Per.RECORD, true);
 * }</pre>
 */
public final class Trend {
    /** The seed's yardstick, 1 KiB per request (an absolute threshold: {@code new Trend(SEED_YARDSTICK)}). */
    public static final double SEED_YARDSTICK = 1024;
    public static final double DEFAULT_WARMUP_FRACTION = 0.20;
    static final int MAX_PAIRS = 250_000;
    static final int MIN_POINTS = 5;
    /** One-sided 95 %: growth must also be a significant rising trend (Mann–Kendall), not noise around a level. */
    static final double SIGNIFICANT_Z = 1.645;

    private final Threshold threshold;
    private final double warmupFraction;

    public Trend(Threshold threshold, double warmupFraction) {
        if (!(warmupFraction >= 0 && warmupFraction < 0.5)) {
            throw new IllegalArgumentException("warm-up fraction: must be in [0, 0.5), was " + warmupFraction);
        }
        this.threshold = java.util.Objects.requireNonNull(threshold, "threshold");
        this.warmupFraction = warmupFraction;
    }

    public Trend(Threshold threshold) {
        this(threshold, DEFAULT_WARMUP_FRACTION);
    }

    /** An absolute threshold: growing when the slope exceeds this many bytes per unit of x. */
    public Trend(double thresholdBytesPerUnit, double warmupFraction) {
        this(Threshold.absolute(thresholdBytesPerUnit), warmupFraction);
    }

    /** An absolute threshold: growing when the slope exceeds this many bytes per unit of x. */
    public Trend(double thresholdBytesPerUnit) {
        this(thresholdBytesPerUnit, DEFAULT_WARMUP_FRACTION);
    }

    /** The default, unit-independent rule: fitted growth over 10 % of the level and over 1 MiB. */
    public Trend() {
        this(Threshold.DEFAULT);
    }

    public Threshold threshold() {
        return threshold;
    }

    /** Fits a byte series {@code y} against cumulative requests {@code x} (non-decreasing); slope in B/req. */
    public TrendResult fit(double[] x, double[] y) {
        return fit(x, y, Per.REQUEST, true);
    }

    /** Fits a byte series {@code y} against elapsed seconds; slope in B/s, the same verdict rule. */
    public TrendResult fitElapsed(double[] elapsedS, double[] y) {
        return fit(elapsedS, y, Per.SECOND, true);
    }

    /**
     * Fits {@code y} against {@code x} counted {@code per} request, record or second; {@code bytes} says whether y
     * is a byte series (its unit is then {@code B/<per>} and the absolute floor applies), else {@code /<per>}.
     */
    public TrendResult fit(double[] x, double[] y, Per per, boolean bytes) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        String unit = (bytes ? "B/" : "/") + per.symbol();
        if (per.isWork()) {
            int end = x.length;
            while (end > 1 && x[end - 2] >= x[end - 1]) {
                end--;
            }
            x = Arrays.copyOf(x, end);
            y = Arrays.copyOf(y, end);
        }
        int n = x.length;
        if (n < MIN_POINTS || x[n - 1] <= x[0]) {
            return new TrendResult(Double.NaN, 0, n == 0 ? 0 : y[n - 1] - y[0], Verdict.INSUFFICIENT_DATA, unit, 0,
                    Double.NaN, Double.NaN);
        }
        int start = warmupEnd(x, y);
        int points = n - start;
        double[] slopes = pairSlopes(x, y, start);   // one pass serves the slope and the trend test
        double slope = median(slopes);
        double growth = y[n - 1] - y[start];
        double level = median(Arrays.copyOfRange(y, start, n));
        if (points < MIN_POINTS || distinct(x, start) < MIN_POINTS || Double.isNaN(slope)) {
            return new TrendResult(Double.NaN, start, growth, Verdict.INSUFFICIENT_DATA, unit, points, level, Double.NaN);
        }
        double fitted = slope * (x[n - 1] - x[start]);
        boolean rising = kendallZ(slopes, n - start) > SIGNIFICANT_Z;
        Verdict verdict = rising && threshold.growing(slope, fitted, level, bytes) ? Verdict.GROWING : Verdict.PLATEAU;
        return new TrendResult(slope, start, growth, verdict, unit, points, level, fitted);
    }

    /** Distinct x values over {@code [start, n)} (x is non-decreasing): a counter that jumped once has two. */
    private static int distinct(double[] x, int start) {
        int d = x.length > start ? 1 : 0;
        for (int i = start + 1; i < x.length; i++) {
            if (x[i] != x[i - 1]) {
                d++;
            }
        }
        return d;
    }

    /** Index of the first sample after warm-up (see class comment). */
    int warmupEnd(double[] x, double[] y) {
        int n = x.length;
        double range = x[n - 1] - x[0];
        int byFraction = firstAtLeast(x, x[0] + warmupFraction * range);
        int cap = firstAtLeast(x, x[0] + 0.5 * range);
        double[] tail = Arrays.copyOfRange(y, n - Math.max(1, n / 4), n);
        double settled = median(tail);
        int byLevel = 0;
        if (settled > y[0]) {
            while (byLevel < n && y[byLevel] < settled) {
                byLevel++;
            }
        }
        return Math.min(Math.max(byFraction, byLevel), cap);
    }

    private static int firstAtLeast(double[] x, double bound) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] >= bound) {
                return i;
            }
        }
        return x.length - 1;
    }

    /** Median pairwise slope over {@code [start, n)}; NaN when no pair has different x. */
    static double theilSen(double[] x, double[] y, int start) {
        return median(pairSlopes(x, y, start));
    }

    /**
     * The Mann–Kendall statistic of {@code y} against {@code x} over {@code [start, n)}: Kendall's tau (concordant
     * minus discordant pairs over the pairs with different x — a pair's slope has the sign of its concordance, so
     * these are the Theil–Sen pairs, or the same seeded sample of {@value #MAX_PAIRS}) divided by its standard
     * deviation without a trend, {@code sqrt(2(2m+5) / (9m(m-1)))}. A leak's ramp gives 10 or more; a sawtooth with no
     * trend (buffers of abandoned connections closed by an idle timeout) stays near 0 even when its Theil–Sen slope
     * is positive.
     */
    static double kendallZ(double[] x, double[] y, int start) {
        return kendallZ(pairSlopes(x, y, start), x.length - start);
    }

    private static double kendallZ(double[] slopes, int m) {
        if (slopes.length == 0 || m < 2) {
            return 0;
        }
        long sum = 0;
        for (double s : slopes) {
            sum += (long) Math.signum(s);
        }
        double tau = (double) sum / slopes.length;
        return tau / Math.sqrt(2.0 * (2 * m + 5) / (9.0 * m * (m - 1)));
    }

    /**
     * The slopes {@code (y[j]-y[i])/(x[j]-x[i])} of the pairs with different x over {@code [start, n)}: all of them up
     * to {@value #MAX_PAIRS}, beyond that {@value #MAX_PAIRS} pairs drawn with a fixed seed.
     */
    private static double[] pairSlopes(double[] x, double[] y, int start) {
        int m = x.length - start;
        long allPairs = (long) m * (m - 1) / 2;
        double[] slopes;
        int k = 0;
        if (allPairs <= MAX_PAIRS) {
            slopes = new double[(int) Math.max(0, allPairs)];
            for (int i = start; i < x.length; i++) {
                for (int j = i + 1; j < x.length; j++) {
                    if (x[j] != x[i]) {
                        slopes[k++] = (y[j] - y[i]) / (x[j] - x[i]);
                    }
                }
            }
        } else {
            slopes = new double[MAX_PAIRS];
            SplittableRandom random = new SplittableRandom(42);
            for (int draw = 0; draw < MAX_PAIRS; draw++) {
                int i = start + random.nextInt(m);
                int j = start + random.nextInt(m);
                if (x[j] != x[i]) {
                    slopes[k++] = (y[j] - y[i]) / (x[j] - x[i]);
                }
            }
        }
        return k == slopes.length ? slopes : Arrays.copyOf(slopes, k);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
