package dev.plateau.runs;

import dev.plateau.telemetry.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the verdict table: a metric of a run, its peak, final value, growth after warm-up, slope and
 * verdict. The slope is fitted against cumulative requests ({@code B/req}) — or, when the run answered no
 * requests, against elapsed time ({@code B/s}). Requests and elapsed time count from the run's first sample.
 *
 * <pre>{@code
 * RunStats s = RunStats.of(run.label(), run.samples(), "conn_buffer_bytes", new Trend(1024));
 * System.out.println(s.verdict().label());   // plateau | growing | insufficient data
 * }</pre>
 *
 * @param run               run label
 * @param metric            column name, e.g. {@code conn_buffer_bytes}
 * @param samples           number of samples
 * @param peak              largest value
 * @param last              value of the last sample
 * @param growthAfterWarmup last fitted value minus the value at the end of warm-up
 * @param slope             Theil–Sen slope after warm-up, per {@code unit}
 * @param unit              {@code B/req} or {@code B/s} ({@code /req}, {@code /s} for metrics that are not bytes)
 * @param verdict           plateau, growing or insufficient data
 */
public record RunStats(String run, String metric, int samples, double peak, double last, double growthAfterWarmup,
                       double slope, String unit, Verdict verdict) {

    public static RunStats of(String run, List<Sample> samples, String metric, Trend trend) {
        int col = columnIndex(metric);
        int n = samples.size();
        double[] y = new double[n];
        double[] requests = new double[n];
        double[] elapsed = new double[n];
        double peak = n == 0 ? 0 : Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i);
            y[i] = s.values()[col];
            requests[i] = s.requestsTotal() - samples.get(0).requestsTotal();
            elapsed[i] = s.elapsedS() - samples.get(0).elapsedS();
            peak = Math.max(peak, y[i]);
        }
        boolean byRequests = n > 0 && requests[n - 1] > 0;
        boolean bytes = metric.endsWith("_bytes");
        TrendResult t = byRequests ? trend.fit(requests, y, Per.REQUEST, bytes) : trend.fit(elapsed, y, Per.SECOND, bytes);
        String unit = t.unit();
        return new RunStats(run, metric, n, peak, n == 0 ? 0 : y[n - 1], t.growthAfterWarmupBytes(), t.slope(),
                unit, t.verdict());
    }

    public static RunStats of(Run run, String metric, Trend trend) {
        return of(run.label(), run.samples(), metric, trend);
    }

    /** Column index of a metric; {@link IllegalArgumentException} naming the known ones otherwise. */
    public static int columnIndex(String metric) {
        int i = Sample.COLUMNS.indexOf(metric);
        if (i < 0) {
            throw new IllegalArgumentException("unknown metric '" + metric + "'; known: " + String.join(", ", Sample.COLUMNS));
        }
        return i;
    }

    /** The {@code summary} entry of {@code run.json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", metric);
        m.put("samples", samples);
        m.put("peak", (long) peak);
        m.put("final", (long) last);
        m.put("growth_after_warmup", (long) growthAfterWarmup);
        m.put("slope", Double.isNaN(slope) ? null : Math.round(slope * 10) / 10.0);
        m.put("slope_unit", unit);
        m.put("verdict", verdict.label());
        return m;
    }
}
