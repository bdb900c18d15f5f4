package dev.plateau.runs;

import dev.plateau.series.SeriesTable;
import java.util.List;
import java.util.Objects;

/**
 * The unit of work a verdict's slope is measured against, and the counter it is read from: answered requests
 * ({@code load_answered_total}, or the embedded collector's {@code requests_total} in a run without the load
 * source — every 0.1 run), records (a counter chosen by column, default the embedded {@code records_in_total} or
 * the first {@code fluentbit_input_records_total{…}}), or elapsed seconds. A run whose counter never rose is
 * fitted against elapsed seconds instead.
 *
 * <pre>{@code
 * Work w = Work.records("fluentbit_input_records_total{name=\"http.0\"}");
 * double[] x = w.x(table);          // counts since the run's first sample
 * }</pre>
 *
 * @param per    request, record or second
 * @param column the counter's column, or {@code null} for the default of {@code per}
 */
public record Work(Per per, String column) {
    public static final Work REQUESTS = new Work(Per.REQUEST, null);

    public Work {
        Objects.requireNonNull(per, "per");
    }

    public static Work records(String column) {
        return new Work(Per.RECORD, column);
    }

    /** {@code --per request|record|second} with an optional {@code --work-series}. */
    public static Work parse(String per, String column) {
        return new Work(Per.parse(per), column == null || column.isBlank() ? null : column.trim());
    }

    /** The counter's column in {@code table}, or {@code null} when measured per second or none is there. */
    public String counter(SeriesTable table) {
        if (per == Per.SECOND) {
            return null;
        }
        if (column != null) {
            if (!table.has(column)) {
                throw new IllegalArgumentException("work counter '" + column + "' is not a series of this run");
            }
            return column;
        }
        List<String> candidates = per == Per.REQUEST ? List.of("load_answered_total", "requests_total")
                : List.of("records_in_total", "plateau_records_in_total");
        for (String c : candidates) {
            if (table.has(c)) {
                return c;
            }
        }
        return table.series().stream().map(s -> s.column())
                .filter(c -> per == Per.RECORD && c.startsWith("fluentbit_input_records_total"))
                .findFirst().orElse(null);
    }

    /**
     * The fit's x for {@code table}: the counter since the run's first sample (a missing cell counts as the last
     * known value), or elapsed seconds since the first sample; {@link #per(SeriesTable)} tells which.
     */
    public double[] x(SeriesTable table) {
        String c = counter(table);
        double[] x = since(table, c);
        int n = x.length;
        if (c != null && (n == 0 || x[n - 1] <= 0)) {
            return new Work(Per.SECOND, null).x(table);
        }
        double[] estimated = viaRequests(table, x);
        return estimated != null ? estimated : x;
    }

    /** The counter {@code c} (or elapsed seconds) since the first sample, a missing cell counting as the last value. */
    private static double[] since(SeriesTable table, String c) {
        int n = table.size();
        double[] x = c == null ? table.elapsedS() : table.column(c);
        double first = n == 0 ? 0 : Double.isNaN(x[0]) ? 0 : x[0];
        double last = first;
        for (int i = 0; i < n; i++) {
            last = Double.isNaN(x[i]) ? last : x[i];
            x[i] = last - first;
        }
        return x;
    }

    /**
     * A records counter that moved in fewer than {@value #MIN_STEPS} steps (Fluent Bit publishes
     * {@code fluentbit_input_records_total} in jumps: a short run shows 0, then all of its records at once) cannot
     * be fitted against; when the run also has answered requests that moved in enough steps, records are counted
     * from them instead — answered requests × the run's records per answered request — so the slope per record is
     * the slope per request divided by that ratio. {@code null} when not needed or not possible.
     */
    private double[] viaRequests(SeriesTable table, double[] records) {
        if (per != Per.RECORD || steps(records) >= MIN_STEPS) {
            return null;
        }
        String r = new Work(Per.REQUEST, null).counter(table);
        if (r == null) {
            return null;
        }
        double[] requests = since(table, r);
        int n = requests.length;
        if (steps(requests) < MIN_STEPS || requests[n - 1] <= 0 || records[n - 1] <= 0) {
            return null;
        }
        double ratio = records[n - 1] / requests[n - 1];
        for (int i = 0; i < n; i++) {
            requests[i] *= ratio;
        }
        return requests;
    }

    /** Fewer distinct counter values than this and records are counted from answered requests ({@link #note}). */
    static final int MIN_STEPS = Trend.MIN_POINTS;

    private static int steps(double[] x) {
        int steps = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] != x[i - 1]) {
                steps++;
            }
        }
        return steps;
    }

    /**
     * One line saying how the work was counted when it was not read directly ("records counted from answered
     * requests × 1,500 records/request: fluentbit_input_records_total{…} moved in 1 step"), or {@code null}.
     */
    public String note(SeriesTable table) {
        String c = counter(table);
        if (per != Per.RECORD || c == null) {
            return null;
        }
        double[] records = since(table, c);
        int n = records.length;
        if (n == 0 || records[n - 1] <= 0 || viaRequests(table, records) == null) {
            return null;
        }
        String r = new Work(Per.REQUEST, null).counter(table);
        double[] requests = since(table, r);
        int steps = steps(records);
        return String.format(java.util.Locale.ROOT, "records counted from %s × %,.1f records/request: %s moved in %d step%s",
                r, records[n - 1] / requests[n - 1], c, steps, steps == 1 ? "" : "s");
    }

    /** What {@link #x} measured: {@code per}, or {@link Per#SECOND} when the counter is missing or never rose. */
    public Per per(SeriesTable table) {
        String c = counter(table);
        if (c == null) {
            return Per.SECOND;
        }
        double[] v = table.column(c);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (!Double.isNaN(d)) {
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
        return max > min ? per : Per.SECOND;
    }
}
