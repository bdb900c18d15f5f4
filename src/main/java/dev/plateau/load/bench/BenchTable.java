package dev.plateau.load.bench;

import dev.plateau.collector.Sizes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Formats the bench rows as a fixed-width table: per load and generator one {@code collector} row, one
 * {@code baseline} row and one {@code ratio} row (collector / baseline; above 1 is better for req/s and MB/s,
 * below 1 is better for latency, allocation and CPU). Ends with the small-body throughput target.
 *
 * <pre>{@code
 * System.out.print(BenchTable.format(rows));
 * }</pre>
 */
public final class BenchTable {
    /** Small-body requests/s of the collector must be at least this fraction of the baseline's. */
    public static final double SMALL_RATIO_TARGET = 0.8;

    private static final String ROW = "%-5s %9s %-8s %-10s %9s %10s %9s %9s %9s %11s %11s %7s%n";

    private BenchTable() {
    }

    public static String format(List<BenchRow> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "load", "body", "client", "server", "requests", "req/s", "MB/s",
                "p50 ms", "p99 ms", "alloc B/req", "CPU us/req", "errors"));
        for (BenchRow r : rows) {
            out.append(String.format(Locale.ROOT, ROW, r.load(), size(r.bodyBytes()), r.generator(), r.server(),
                    r.requests(), f1(r.requestsPerSec()), f1(r.mbPerSec()), f2(r.p50Ms()), f2(r.p99Ms()),
                    Double.isNaN(r.allocPerRequest()) ? "-" : String.format(Locale.ROOT, "%.0f", r.allocPerRequest()),
                    f1(r.cpuMicrosPerRequest()), r.errors()));
            if (r.server().equals("baseline")) {
                find(rows, r.load(), r.generator(), "collector").ifPresent(c -> out.append(ratio(c, r)));
            }
        }
        find(rows, "small", "plateau", "collector").ifPresent(c -> find(rows, "small", "plateau", "baseline")
                .ifPresent(b -> {
                    double ratio = c.requestsPerSec() / b.requestsPerSec();
                    out.append(String.format(Locale.ROOT,
                            "small-body req/s collector/baseline = %.2f (target >= %.2f: %s)%n",
                            ratio, SMALL_RATIO_TARGET, ratio >= SMALL_RATIO_TARGET ? "met" : "NOT met"));
                    out.append(String.format(Locale.ROOT,
                            "small-body server CPU per request baseline/collector = %.2f (the throughput ratio a"
                                    + " server-bound run would show)%n",
                            b.cpuMicrosPerRequest() / c.cpuMicrosPerRequest()));
                }));
        return out.toString();
    }

    /** The row for one load, generator and server. */
    public static Optional<BenchRow> find(List<BenchRow> rows, String load, String generator, String server) {
        return rows.stream().filter(r -> r.load().equals(load) && r.generator().equals(generator)
                && r.server().equals(server)).findFirst();
    }

    private static String ratio(BenchRow c, BenchRow b) {
        return String.format(Locale.ROOT, ROW, c.load(), "", c.generator(), "ratio", "",
                x(c.requestsPerSec(), b.requestsPerSec()), x(c.mbPerSec(), b.mbPerSec()), x(c.p50Ms(), b.p50Ms()),
                x(c.p99Ms(), b.p99Ms()), x(c.allocPerRequest(), b.allocPerRequest()),
                x(c.cpuMicrosPerRequest(), b.cpuMicrosPerRequest()), "");
    }

    private static String x(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", a / b);
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String size(long bytes) {
        return Sizes.human(bytes);
    }
}
