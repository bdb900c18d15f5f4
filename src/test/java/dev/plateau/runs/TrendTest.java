package dev.plateau.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The leak verdict's arithmetic on synthetic series whose true slope is known. */
class TrendTest {
    private static final double BASE = 100_000_000;

    private static double[] requests(int n, double perSample) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * perSample;
        }
        return x;
    }

    /** Ordinary least squares slope: what a naive fit would report. */
    private static double leastSquares(double[] x, double[] y, int start) {
        int n = x.length - start;
        double mx = 0;
        double my = 0;
        for (int i = start; i < x.length; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = start; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }

    @Test
    void flatSeriesIsPlateauWithTinySlope() {
        double[] x = requests(200, 10);
        double[] y = new double[200];
        Arrays.fill(y, BASE);

        TrendResult t = new Trend().fit(x, y);

        assertThat(t.verdict()).isEqualTo(Verdict.PLATEAU);
        assertThat(Math.abs(t.slope())).isLessThan(1e-6);
        assertThat(t.unit()).isEqualTo("B/req");
        assertThat(t.growthAfterWarmupBytes()).isZero();
        assertThat(t.points()).isEqualTo(200 - t.warmupEndIndex());
    }

    @Test
    void linearGrowthOf50KbPerRequestIsGrowingWithTheTrueSlope() {
        double[] x = requests(300, 4);
        double[] y = new double[300];
        for (int i = 0; i < y.length; i++) {
            y[i] = BASE + 50_000 * x[i];
        }

        TrendResult t = new Trend().fit(x, y);

        assertThat(t.verdict()).isEqualTo(Verdict.GROWING);
        assertThat(t.slopeBytesPerRequest()).isCloseTo(50_000, within(500.0));
        // a leak that grows all the way keeps its second half for the fit
        assertThat(t.warmupEndIndex()).isBetween(1, 150);
        assertThat(t.growthAfterWarmupBytes()).isCloseTo(50_000 * (x[299] - x[t.warmupEndIndex()]), within(1.0));
    }

    @Test
    void warmUpRampThenFlatIsPlateauAndTheFitStartsAfterTheRamp() {
        int n = 400;
        int rampEnd = 120;   // 30% of the run: past the 20% warm-up fraction
        double[] x = requests(n, 5);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = BASE + 200_000.0 * Math.min(i, rampEnd);
        }

        TrendResult t = new Trend().fit(x, y);

        assertThat(t.verdict()).isEqualTo(Verdict.PLATEAU);
        assertThat(t.warmupEndIndex()).isGreaterThanOrEqualTo(rampEnd).isLessThanOrEqualTo(n / 2);
        assertThat(t.slope()).isCloseTo(0, within(1.0));
        assertThat(t.growthAfterWarmupBytes()).isZero();
    }

    @Test
    void noisyFlatSeriesWithOutliersIsPlateauWhereLeastSquaresIsFooled() {
        int n = 500;
        Random random = new Random(7);
        double[] x = requests(n, 2);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = BASE + random.nextGaussian() * 200_000;
        }
        // GC-less spikes late in the run: 8% of the points, 200 MB up
        for (int i = n - 40; i < n; i++) {
            y[i] += 200_000_000;
        }

        TrendResult t = new Trend().fit(x, y);

        double ols = leastSquares(x, y, t.warmupEndIndex());
        assertThat(ols).as("least squares is pulled up by the spikes").isGreaterThan(10 * Trend.SEED_YARDSTICK);
        assertThat(t.verdict()).isEqualTo(Verdict.PLATEAU);
        assertThat(Math.abs(t.slope())).isLessThan(Trend.SEED_YARDSTICK);
        assertThat(new Trend(Trend.SEED_YARDSTICK).fit(x, y).verdict()).isEqualTo(Verdict.PLATEAU);
    }

    @Test
    void fewerThanFivePointsIsInsufficientData() {
        TrendResult t = new Trend().fit(new double[] {0, 1, 2, 3}, new double[] {0, 1e6, 2e6, 3e6});

        assertThat(t.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(t.slope()).isNaN();
        assertThat(t.growthAfterWarmupBytes()).isEqualTo(3e6);
    }

    @Test
    void aCounterThatMovedOnlyOnceIsInsufficientData() {
        // records counted only when a chunk is flushed: 0 through the whole load, then everything at once
        double[] x = new double[100];
        double[] y = new double[100];
        for (int i = 0; i < 100; i++) {
            x[i] = i < 90 ? 0 : 300_000;
            y[i] = BASE + 1_000_000.0 * Math.min(i, 90);
        }

        TrendResult t = new Trend().fit(x, y, Per.RECORD, true);

        assertThat(t.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(t.slope()).isNaN();
    }

    @Test
    void noRequestsAtAllIsInsufficientData() {
        double[] x = new double[50];
        double[] y = new double[50];
        Arrays.fill(y, BASE);

        assertThat(new Trend().fit(x, y).verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(new Trend().fit(new double[0], new double[0]).verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
    }

    @Test
    void absoluteThresholdDecidesBetweenPlateauAndGrowing() {
        double[] x = requests(100, 1);
        double[] y = new double[100];
        for (int i = 0; i < y.length; i++) {
            y[i] = BASE + 2_000 * x[i];
        }

        assertThat(new Trend(1024).threshold()).isEqualTo(Threshold.absolute(1024));
        assertThat(new Trend(1024).fit(x, y).verdict()).isEqualTo(Verdict.GROWING);
        assertThat(new Trend(4_096).fit(x, y).verdict()).isEqualTo(Verdict.PLATEAU);
        assertThat(new Trend(1_999).fit(x, y).verdict()).isEqualTo(Verdict.GROWING);
        assertThat(new Trend(2_000).fit(x, y).verdict()).as("at the threshold is still a plateau")
                .isEqualTo(Verdict.PLATEAU);
    }

    @Test
    void relativeThresholdComparesTheFittedGrowthWithTheLevel() {
        // 2,000 B/req over 10,000 requests on a 100 MB base: the fitted half grows 10 MB on a ~115 MB level
        double[] x = requests(200, 50);
        double[] y = new double[200];
        for (int i = 0; i < y.length; i++) {
            y[i] = BASE + 2_000 * x[i];
        }

        TrendResult t = new Trend().fit(x, y);

        assertThat(t.fittedGrowth()).isCloseTo(2_000 * (x[199] - x[t.warmupEndIndex()]), within(1.0));
        assertThat(t.level()).isCloseTo(BASE + 2_000 * (x[199] + x[t.warmupEndIndex()]) / 2, within(200_000.0));
        double share = t.fittedGrowth() / t.level();
        assertThat(new Trend(Threshold.relative(share * 0.9)).fit(x, y).verdict()).isEqualTo(Verdict.GROWING);
        assertThat(new Trend(Threshold.relative(share * 1.1)).fit(x, y).verdict()).isEqualTo(Verdict.PLATEAU);
    }

    @Test
    void theSameLeakIsGrowingPerRequestPerRecordAndPerSecond() {
        // 6 KB per request, 100 records per request, 25 requests/s for 40 s on a 12 MB process: 6 MB more
        int n = 160;
        double[] seconds = requests(n, 0.25);
        double[] req = new double[n];
        double[] rec = new double[n];
        double[] leak = new double[n];
        double[] flat = new double[n];
        Random random = new Random(3);
        for (int i = 0; i < n; i++) {
            req[i] = 25 * seconds[i];
            rec[i] = 100 * req[i];
            leak[i] = 12_000_000 + 6_000 * req[i] + random.nextGaussian() * 20_000;
            flat[i] = 12_000_000 + random.nextGaussian() * 20_000;
        }
        Trend trend = new Trend();

        TrendResult perReq = trend.fit(req, leak, Per.REQUEST, true);
        TrendResult perRec = trend.fit(rec, leak, Per.RECORD, true);
        TrendResult perS = trend.fit(seconds, leak, Per.SECOND, true);

        assertThat(List.of(perReq.verdict(), perRec.verdict(), perS.verdict())).containsOnly(Verdict.GROWING);
        assertThat(perRec.unit()).isEqualTo("B/rec");
        assertThat(perRec.fittedGrowth()).isCloseTo(perReq.fittedGrowth(), within(perReq.fittedGrowth() * 0.01));
        assertThat(perS.fittedGrowth()).isCloseTo(perReq.fittedGrowth(), within(perReq.fittedGrowth() * 0.01));
        assertThat(List.of(trend.fit(req, flat, Per.REQUEST, true).verdict(), trend.fit(rec, flat, Per.RECORD, true).verdict(),
                trend.fit(seconds, flat, Per.SECOND, true).verdict())).containsOnly(Verdict.PLATEAU);
        // the old absolute yardstick disagrees with itself: 6 KB/req growing, 60 B/rec plateau
        assertThat(new Trend(1024).fit(req, leak, Per.REQUEST, true).verdict()).isEqualTo(Verdict.GROWING);
        assertThat(new Trend(1024).fit(rec, leak, Per.RECORD, true).verdict()).isEqualTo(Verdict.PLATEAU);
    }

    @Test
    void byteSeriesUnderTheFloorIsPlateauButACounterHasNoFloor() {
        // +30 % on a 1 MB level: 300 KB, under the 1 MiB floor for bytes; the same numbers as a count are growing
        double[] x = requests(100, 10);
        double[] y = new double[100];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1_000_000 + 600.0 * x[i];
        }

        assertThat(new Trend().fit(x, y, Per.REQUEST, true).verdict()).isEqualTo(Verdict.PLATEAU);
        assertThat(new Trend().fit(x, y, Per.REQUEST, false).verdict()).isEqualTo(Verdict.GROWING);
        assertThat(new Trend().fit(x, y, Per.REQUEST, false).unit()).isEqualTo("/req");
    }

    @Test
    void thresholdTextIsParsedInOnePlace() {
        assertThat(Threshold.parse("10%")).isEqualTo(Threshold.DEFAULT);
        assertThat(Threshold.parse(" 2.5 %").relative()).isEqualTo(0.025);
        assertThat(Threshold.parse("1KiB")).isEqualTo(Threshold.absolute(1024));
        assertThat(Threshold.parse("1kb")).isEqualTo(Threshold.absolute(1000));
        assertThat(Threshold.parse("100")).isEqualTo(Threshold.absolute(100));
        assertThat(Threshold.parse("2MiB").bytesPerUnit()).isEqualTo(2 * 1024 * 1024);
        assertThatThrownBy(() -> Threshold.parse("ten")).hasMessageStartingWith("threshold: 'ten' is neither");
        assertThatThrownBy(() -> Threshold.parse("-5%")).hasMessageStartingWith("threshold:");
        assertThat(Per.parse("Record")).isEqualTo(Per.RECORD);
        assertThatThrownBy(() -> Per.parse("bytes")).hasMessage("per: 'bytes' is not one of request, record, second");
    }

    @Test
    void invalidOptionsAreRejectedByName() {
        assertThatThrownBy(() -> new Trend(-1)).hasMessageStartingWith("threshold:");
        assertThatThrownBy(() -> new Trend(Double.NaN)).hasMessageStartingWith("threshold:");
        assertThatThrownBy(() -> new Trend(1024, 0.5)).hasMessageStartingWith("warm-up fraction:");
        assertThatThrownBy(() -> new Trend().fit(new double[3], new double[4]))
                .hasMessageContaining("3 vs 4");
    }

    @Test
    void samplesAfterTheLastNewRequestAreIgnored() {
        // 100 samples under load at a flat level, then 100 idle samples (no new requests) where memory falls
        double[] x = new double[200];
        double[] y = new double[200];
        for (int i = 0; i < 200; i++) {
            x[i] = Math.min(i, 99) * 10;
            y[i] = i < 100 ? BASE + 60_000 * x[i] : BASE;
        }

        TrendResult t = new Trend().fit(x, y);

        assertThat(t.points() + t.warmupEndIndex()).isEqualTo(100);
        assertThat(t.slope()).isCloseTo(60_000, within(600.0));
        assertThat(t.verdict()).isEqualTo(Verdict.GROWING);
    }

    @Test
    void fitElapsedMeasuresBytesPerSecondWithoutRequests() {
        double[] t = requests(120, 0.25);
        double[] y = new double[120];
        for (int i = 0; i < y.length; i++) {
            y[i] = BASE + 8_000 * t[i];
        }

        TrendResult r = new Trend(1024).fitElapsed(t, y);

        assertThat(r.unit()).isEqualTo("B/s");
        assertThat(r.slope()).isCloseTo(8_000, within(80.0));
        assertThat(r.verdict()).isEqualTo(Verdict.GROWING);
    }

    @Test
    void fitElapsedKeepsTheIdleTailThatARequestFitDrops() {
        // elapsed time keeps rising while the load is idle: those samples are all used
        double[] t = requests(100, 1);
        double[] y = new double[100];
        Arrays.fill(y, BASE);
        TrendResult r = new Trend().fitElapsed(t, y);
        assertThat(r.points() + r.warmupEndIndex()).isEqualTo(100);
        assertThat(r.verdict()).isEqualTo(Verdict.PLATEAU);
    }

    @Test
    void twoHundredThousandPointsFinishWithAReproducibleSlope() {
        int n = 200_000;
        Random random = new Random(11);
        double[] x = requests(n, 1);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = BASE + 3_000 * x[i] + random.nextGaussian() * 50_000;
        }

        TrendResult a = new Trend().fit(x, y);
        TrendResult b = new Trend().fit(x, y);

        assertThat(a.verdict()).isEqualTo(Verdict.GROWING);
        assertThat(a.slope()).isCloseTo(3_000, within(30.0));
        assertThat(b.slope()).isEqualTo(a.slope());
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertThat(Trend.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Trend.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Trend.median(new double[0])).isNaN();
    }

    /**
     * Recorded from the clone (seed-after-idle-timeout on fluent-bit-5.1: shrink, reinit, idle timeout 2 s):
     * buffers of abandoned connections rise and fall between ~6 and ~25 MB until the idle close takes them. Its
     * Theil–Sen slope is positive (about 3 KB per request, a fitted 1.6 MB over the run: above 10 % of the level and
     * 1 MiB), but there is no trend — Mann–Kendall's z is about 0.4 — so it is a plateau, as the run's end at 0 says.
     */
    @Test
    void sawtoothWithoutTrend_isAPlateau_evenWhenItsSlopeIsPositive() throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(
                getClass().getResource("/runs/sawtooth-conn-buffers.csv").toURI()));
        double[] x = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[0])).toArray();
        double[] y = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
        TrendResult t = new Trend().fit(x, y, Per.REQUEST, true);
        assertThat(t.slope()).isPositive();
        assertThat(t.fittedGrowth()).isGreaterThan(Math.max(0.10 * t.level(), 1 << 20));
        int end = x.length;
        while (end > 1 && x[end - 2] >= x[end - 1]) {
            end--;
        }
        assertThat(Trend.kendallZ(Arrays.copyOf(x, end), Arrays.copyOf(y, end), t.warmupEndIndex())).isBetween(-1.645, 1.645);
        assertThat(t.verdict()).isEqualTo(Verdict.PLATEAU);
    }

    @Test
    void kendallZ_isLargeForARamp_andNearZeroForNoise() {
        Random r = new Random(7);
        double[] x = new double[200];
        double[] ramp = new double[200];
        double[] noise = new double[200];
        for (int i = 0; i < 200; i++) {
            x[i] = i;
            ramp[i] = 50_000 * i + r.nextGaussian() * 20_000;
            noise[i] = 1e6 + r.nextGaussian() * 20_000;
        }
        assertThat(Trend.kendallZ(x, ramp, 0)).isGreaterThan(10);
        assertThat(Math.abs(Trend.kendallZ(x, noise, 0))).isLessThan(3);
        assertThat(new Trend().fit(x, ramp, Per.REQUEST, true).verdict()).isEqualTo(Verdict.GROWING);
    }
}
