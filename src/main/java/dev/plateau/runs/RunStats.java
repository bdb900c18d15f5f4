package dev.plateau.runs;

import dev.plateau.series.EmbeddedSource;
import dev.plateau.series.SeriesTable;
import dev.plateau.telemetry.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the verdict table: a metric of a run, its peak, final value, growth after warm-up, slope and
 * verdict. The slope is fitted against cumulative work ({@link Work}: answered requests {@code B/req} by default,
 * records {@code B/rec}) — or, when the run counted no work, against elapsed time ({@code B/s}). Work and
 * elapsed time count from the run's first sample.
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
 * @param unit              {@code B/req}, {@code B/rec} or {@code B/s} ({@code /req} … for metrics that are not bytes)
 * @param verdict           plateau, growing or insufficient data
 */
public record RunStats(String run, String metric, int samples, double peak, double last, double growthAfterWarmup,
                       double slope, String unit, Verdict verdict) {

    /**
     * The row of {@code metric} in {@code table}, its slope against {@code work}; {@link IllegalArgumentException}
     * naming the run's series when {@code metric} is not one of them. Missing cells (a gone process) are skipped.
     */
    public static RunStats of(String run, SeriesTable table, String metric, Trend trend, Work work) {
        double[] all = table.column(metric);
        double[] allX = work.x(table);
        Per per = work.per(table);
        int n = 0;
        double peak = all.length == 0 ? 0 : Double.NEGATIVE_INFINITY;
        double last = 0;
        double[] x = new double[all.length];
        double[] y = new double[all.length];
        for (int i = 0; i < all.length; i++) {
            if (!Double.isNaN(all[i])) {
                x[n] = allX[i];
                y[n++] = all[i];
                peak = Math.max(peak, all[i]);
                last = all[i];
            }
        }
        if (n == 0) {
            peak = 0;
        }
        boolean bytes = table.series(metric).isBytes();
        TrendResult t = trend.fit(java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n), per, bytes);
        return new RunStats(run, metric, n, peak, last, t.growthAfterWarmupBytes(), t.slope(), t.unit(), t.verdict());
    }

    /** Per request, from typed embedded-collector samples. */
    public static RunStats of(String run, List<Sample> samples, String metric, Trend trend) {
        return of(run, SeriesTable.ofSamples(samples), metric, trend, Work.REQUESTS);
    }

    public static RunStats of(Run run, String metric, Trend trend, Work work) {
        return of(run.label(), run.table(), metric, trend, work);
    }

    public static RunStats of(Run run, String metric, Trend trend) {
        return of(run, metric, trend, Work.REQUESTS);
    }

    /**
     * Checks a metric name before a run: one of the embedded collector's, the target process' or the load
     * generator's series — or, when {@code scraped} (a Prometheus endpoint is scraped), any Prometheus series name.
     */
    public static void checkName(String metric, boolean scraped) {
        boolean known = EmbeddedSource.declared(metric) != null || metric.startsWith("target_") || metric.startsWith("load_");
        if (known || scraped && isSeriesName(metric)) {
            return;
        }
        throw new IllegalArgumentException("unknown metric '" + metric + "'; known: "
                + String.join(", ", Sample.COLUMNS.subList(2, Sample.COLUMNS.size()))
                + ", target_rss_bytes, target_anon_bytes, … load_answered_total, …"
                + (scraped ? "" : " (scraped series need --target-metrics)"));
    }

    private static boolean isSeriesName(String metric) {
        try {
            SampleCsv.guess(metric);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
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
