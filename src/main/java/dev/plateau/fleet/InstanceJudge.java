package dev.plateau.fleet;

import dev.plateau.runs.Trend;
import dev.plateau.runs.TrendResult;
import dev.plateau.runs.Verdict;
import dev.plateau.telemetry.Lttb;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Judges one instance: joins its memory and work samples on their common timestamps, splits the history where
 * the work counter goes down (a restart resets it) or samples stop for more than two steps, and fits each segment
 * with the local runs' {@link Trend}: memory against the records counted since the segment began (or against
 * elapsed seconds). The instance grows when any segment grows; its slope is the largest segment slope.
 */
final class InstanceJudge {
    static final int OVERLAY_POINTS = 240;

    private final Trend trend;
    private final long stepMillis;
    private final String unit;

    InstanceJudge(Trend trend, long stepMillis, String unit) {
        this.trend = trend;
        this.stepMillis = stepMillis;
        this.unit = unit;
    }

    /** The aligned, segmented and judged history; {@code work} null judges against time. */
    InstanceHistory history(Map<String, String> labels, Points memory, Points work) {
        int n = 0;
        long[] t = new long[memory.size()];
        double[] mem = new double[memory.size()];
        double[] raw = work == null ? null : new double[memory.size()];
        for (int i = 0, j = 0; i < memory.size(); i++) {
            if (work != null) {
                while (j < work.size() && work.time(j) < memory.time(i)) {
                    j++;
                }
                if (j == work.size() || work.time(j) != memory.time(i)) {
                    continue;
                }
                raw[n] = work.value(j);
            }
            t[n] = memory.time(i);
            mem[n++] = memory.value(i);
        }
        t = Arrays.copyOf(t, n);
        mem = Arrays.copyOf(mem, n);
        double[] cumulative = raw == null ? null : new double[n];
        List<Segment> segments = new ArrayList<>();
        int from = 0;
        String cause = "start";
        double offset = 0;
        for (int i = 1; i <= n; i++) {
            String next = i == n ? null
                    : raw != null && raw[i] < raw[i - 1] ? "counter reset"
                    : t[i] - t[i - 1] > 2 * stepMillis ? "gap" : null;
            if (next != null || i == n) {
                segments.add(judge(t, mem, raw, from, i, cause));
                if (raw != null) {
                    for (int k = from; k < i; k++) {
                        cumulative[k] = offset + raw[k] - raw[from];
                    }
                    offset = cumulative[i - 1];
                }
                from = i;
                cause = next;
            }
        }
        return new InstanceHistory(labels, t, mem, cumulative, segments);
    }

    private Segment judge(long[] t, double[] mem, double[] raw, int from, int to, String cause) {
        int m = to - from;
        double[] x = new double[m];
        for (int k = 0; k < m; k++) {
            x[k] = raw == null ? (t[from + k] - t[from]) / 1000.0 : raw[from + k] - raw[from];
        }
        double[] y = Arrays.copyOfRange(mem, from, to);
        TrendResult r = raw == null ? trend.fitElapsed(x, y) : trend.fit(x, y);
        r = new TrendResult(r.slopeBytesPerRequest(), r.warmupEndIndex(), r.growthAfterWarmupBytes(), r.verdict(), unit, r.points(),
                r.level(), r.fittedGrowth());
        return new Segment(t[from], t[to - 1], m, cause, r);
    }

    /** The instance's result from its history. */
    InstanceResult result(Map<String, String> by, InstanceHistory h) {
        int n = h.times().length;
        double peak = Double.NaN;
        for (double v : h.memory()) {
            peak = Double.isNaN(peak) ? v : Math.max(peak, v);
        }
        double slope = Double.NaN;
        boolean growing = false;
        boolean plateau = false;
        for (Segment s : h.segments()) {
            double sl = s.trend().slope();
            if (!Double.isNaN(sl)) {
                slope = Double.isNaN(slope) ? sl : Math.max(slope, sl);
            }
            growing |= s.trend().verdict() == Verdict.GROWING;
            plateau |= s.trend().verdict() == Verdict.PLATEAU;
        }
        Verdict verdict = growing ? Verdict.GROWING : plateau ? Verdict.PLATEAU : Verdict.INSUFFICIENT_DATA;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = h.work() != null ? h.work()[i] : (h.times()[i] - h.times()[0]) / 1000.0;
        }
        int[] keep = n <= OVERLAY_POINTS ? null : Lttb.indices(xs, h.memory(), OVERLAY_POINTS);
        double[] ox = keep == null ? xs : pick(xs, keep);
        double[] oy = keep == null ? h.memory().clone() : pick(h.memory(), keep);
        return new InstanceResult(by, h.labels(), n, peak, n == 0 ? Double.NaN : h.memory()[n - 1], slope, unit,
                verdict, h.segments(), ox, oy, null);
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }
}
