package dev.plateau.load.fidelity;

import dev.plateau.events.EventLog;
import dev.plateau.load.BurstHandle;
import dev.plateau.load.BurstReport;
import dev.plateau.load.BurstRunner;
import dev.plateau.load.BurstSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Plays the same two loads against a real Fluent Bit and against the clone (its own {@code plateau collect} JVM), and
 * prints both, side by side, with the clone/real ratio (DESIGN.md §6; the yardstick is ±30 %):
 *
 * <ul>
 *   <li><b>churn</b>: {@code requests} × a {@code lines}-line JSON array (1500 lines ≈ 1.6 MB) over {@code connections}
 *       keep-alive connections that reconnect every {@code reconnectEvery} requests and leave the old one open,
 *       {@code delayMs} apart on each; RSS every 250 ms; growth = peak − start, after − start {@code settle} after the
 *       burst, slope = least-squares RSS against answered requests over the second half of the burst;</li>
 *   <li><b>idle retention</b>: {@code idleConnections} connections send one body each and stay open; RSS growth
 *       after {@code idleWait}, per connection.</li>
 * </ul>
 *
 * Each pair runs on fresh processes: {@code plain} = Trim off vs no environment variables, {@code trim} = Trim on vs
 * {@code MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072}. Figures are this machine's, at this moment.
 *
 * <pre>{@code
 * new FidelityBench(FidelityBench.Spec.defaults(Path.of("fluent-bit")), out).run();
 * }</pre>
 */
public final class FidelityBench {
    /** What to play; {@link #defaults} is the load. */
    public record Spec(Path fluentBit, boolean plain, boolean trim, List<String> cloneJvm, List<String> cloneArgs,
            int requests, int lines, long delayMs, int connections, int reconnectEvery, Duration settle,
            int idleConnections, Duration idleWait, int rounds, Path curves) {
        public static Spec defaults(Path fluentBit) {
            return new Spec(fluentBit, true, true, DEFAULT_JVM, List.of(), 300, 1500, 400, 10, 10,
                    Duration.ofSeconds(15), 50, Duration.ofSeconds(3), 3, null);
        }
    }

    /** JVM options of the clone's process: a small serial heap, so RSS growth is mostly native memory, as in C. */
    public static final List<String> DEFAULT_JVM = List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC",
            "-XX:MaxDirectMemorySize=2g", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true");

    /** One target's figures under one load. */
    public record Row(String load, String pair, String target, long startBytes, long peakBytes, long afterBytes,
            double slopeBytesPerRequest, double perConnectionBytes, long failed) {
        long growth() {
            return peakBytes - startBytes;
        }

        long kept() {
            return afterBytes - startBytes;
        }
    }

    private static final long SAMPLE_MILLIS = 250;
    /** An after − start below this share of the real binary's peak − start counts as "all given back". */
    static final double NEAR_ZERO = 0.05;

    private final Spec spec;
    private final PrintWriter out;

    public FidelityBench(Spec spec, PrintWriter out) {
        this.spec = spec;
        this.out = out;
    }

    /**
     * Runs every load of every chosen pair {@code rounds} times (real and clone alternating, fresh processes each
     * time); prints one progress line per run and returns the rows (real first, then clone), round after round.
     */
    public List<Row> run() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (int round = 1; round <= spec.rounds(); round++) {
            out.printf(Locale.ROOT, "round %d of %d%n", round, spec.rounds());
            for (boolean trim : pairs()) {
                String pair = trim ? "trim" : "plain";
                String suffix = spec.rounds() > 1 ? "-" + round : "";
                rows.add(churn(pair, Target.fluentBit(spec.fluentBit(), trim), suffix));
                rows.add(churn(pair, Target.clone(spec.cloneJvm(), trim, spec.cloneArgs()), suffix));
                rows.add(idle(pair, Target.fluentBit(spec.fluentBit(), trim)));
                rows.add(idle(pair, Target.clone(spec.cloneJvm(), trim, spec.cloneArgs())));
            }
        }
        return rows;
    }

    /**
     * Each figure's median over the rounds, per load, pair and target (in first-seen order). One churn run's slope
     * moves by ±30 % or more on the same binary (the flush cycle's sawtooth of in-flight chunks is as tall as a step of ten
     * new connections), so the table compares medians.
     */
    public static List<Row> medians(List<Row> rows) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(r.load() + "\u0000" + r.pair() + "\u0000" + r.target(), k -> new ArrayList<>()).add(r);
        }
        List<Row> out = new ArrayList<>();
        for (List<Row> g : groups.values()) {
            Row first = g.get(0);
            out.add(new Row(first.load(), first.pair(), first.target(), (long) median(g, Row::startBytes),
                    (long) median(g, Row::peakBytes), (long) median(g, Row::afterBytes),
                    median(g, Row::slopeBytesPerRequest), median(g, Row::perConnectionBytes),
                    g.stream().mapToLong(Row::failed).sum()));
        }
        return out;
    }

    private static double median(List<Row> rows, ToDoubleFunction<Row> figure) {
        double[] v = rows.stream().mapToDouble(figure).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private List<Boolean> pairs() {
        List<Boolean> p = new ArrayList<>();
        if (spec.plain()) {
            p.add(false);
        }
        if (spec.trim()) {
            p.add(true);
        }
        return p;
    }

    private Row churn(String pair, Target target, String suffix) {
        try (target; BurstRunner runner = new BurstRunner(new EventLog())) {
            long start = settledRss(target);
            BurstSpec burst = new BurstSpec(URI.create("http://127.0.0.1:" + target.port() + "/"), spec.requests(),
                    spec.delayMs(), 0, spec.connections(), spec.reconnectEvery(), spec.reconnectEvery() > 0, false,
                    spec.lines(), null, false, null, Duration.ofSeconds(60));
            long t0 = System.nanoTime();
            BurstHandle h = runner.start(burst);
            // {answered, rss, elapsed ms}: the burst's samples, then the settle's
            List<double[]> curve = new ArrayList<>();
            long peak = start;
            while (!h.result().isDone()) {
                long rss = target.rssBytes();
                peak = Math.max(peak, rss);
                curve.add(new double[] {h.progress().answered(), rss, (System.nanoTime() - t0) / 1e6});
                Target.sleepQuietly(SAMPLE_MILLIS);
            }
            int burstSamples = curve.size();
            BurstReport report = h.result().join();
            long settleEnd = System.nanoTime() + spec.settle().toNanos();
            while (System.nanoTime() < settleEnd) {
                long rss = target.rssBytes();
                peak = Math.max(peak, rss);
                curve.add(new double[] {report.answered(), rss, (System.nanoTime() - t0) / 1e6});
                Target.sleepQuietly(SAMPLE_MILLIS);
            }
            long after = target.rssBytes();
            h.closeHeld();
            if (spec.curves() != null) {
                writeCurve(spec.curves().resolve("churn-" + pair + "-" + target.name().replaceAll("\\W+", "-") + suffix
                        + ".csv"),
                        curve);
            }
            Row row = new Row("churn", pair, target.name(), start, peak, after, slope(curve.subList(0, burstSamples), spec.requests() / 2.0), 0,
                    report.failed());
            out.printf(Locale.ROOT, "  churn %-5s %-15s start %s peak %s after %s slope %s/request, %d failed%n",
                    pair, target.name(), mb(start), mb(peak), mb(after), kb(row.slopeBytesPerRequest()), report.failed());
            out.flush();
            return row;
        }
    }

    private Row idle(String pair, Target target) {
        try (target; BurstRunner runner = new BurstRunner(new EventLog())) {
            long start = settledRss(target);
            int n = spec.idleConnections();
            BurstSpec burst = new BurstSpec(URI.create("http://127.0.0.1:" + target.port() + "/"), n, 0, 0, n, 0, false,
                    true, spec.lines(), null, false, null, Duration.ofSeconds(60));
            BurstHandle h = runner.start(burst);
            BurstReport report = h.result().join();
            Target.sleepQuietly(spec.idleWait().toMillis());
            long held = target.rssBytes();
            h.closeHeld();
            Row row = new Row("idle", pair, target.name(), start, held, held, 0, (held - start) / (double) n,
                    report.failed());
            out.printf(Locale.ROOT, "  idle  %-5s %-15s start %s held %s per connection %s, %d failed%n", pair,
                    target.name(), mb(start), mb(held), mb(row.perConnectionBytes()), report.failed());
            out.flush();
            return row;
        }
    }

    /** One churn run's RSS curve ({@code {answered, rss, elapsed ms}} samples) as {@code elapsed_ms,answered,rss_bytes}. */
    private static void writeCurve(Path file, List<double[]> curve) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (CSVPrinter csv = CSVFormat.RFC4180.builder().setRecordSeparator("\n").setHeader("elapsed_ms", "answered", "rss_bytes").get()
                    .print(file, StandardCharsets.UTF_8)) {
                for (double[] p : curve) {
                    csv.printRecord(Math.round(p[2]), (long) p[0], (long) p[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** RSS after the freshly started target has been quiet for a second. */
    private static long settledRss(Target target) {
        Target.sleepQuietly(1000);
        return target.rssBytes();
    }

    /** Least-squares slope of RSS against answered requests, over the points at or after {@code from} requests. */
    static double slope(List<double[]> points, double from) {
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            if (p[0] >= from) {
                n++;
                sx += p[0];
                sy += p[1];
                sxx += p[0] * p[0];
                sxy += p[0] * p[1];
            }
        }
        double d = n * sxx - sx * sx;
        return n < 2 || d == 0 ? Double.NaN : (n * sxy - sx * sy) / d;
    }

    /** The side-by-side table: per load and pair, the real binary, the clone, and clone/real. */
    public static String format(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        String head = "%-6s %-5s %-15s %9s %9s %9s %11s %11s %13s %12s%n";
        sb.append(String.format(Locale.ROOT, head, "load", "pair", "target", "start", "peak", "after", "peak-start",
                "after-start", "slope/req", "idle/conn"));
        for (int i = 0; i + 1 < rows.size(); i += 2) {
            Row real = rows.get(i);
            Row clone = rows.get(i + 1);
            for (Row r : List.of(real, clone)) {
                boolean idle = r.load().equals("idle");
                sb.append(String.format(Locale.ROOT, head, r.load(), r.pair(), r.target(), mb(r.startBytes()),
                        mb(r.peakBytes()), idle ? "-" : mb(r.afterBytes()), idle ? "-" : mb(r.growth()),
                        idle ? "-" : mb(r.kept()), idle ? "-" : kb(r.slopeBytesPerRequest()),
                        idle ? mb(r.perConnectionBytes()) : "-"));
            }
            boolean idle = real.load().equals("idle");
            sb.append(String.format(Locale.ROOT, head, "", "", "clone/real", "", "", "",
                    idle ? "" : ratio(clone.growth(), real.growth()), idle ? "" : keptRatio(clone.kept(), real.kept(), real.growth()),
                    idle ? "" : ratio(clone.slopeBytesPerRequest(), real.slopeBytesPerRequest()),
                    idle ? ratio(clone.perConnectionBytes(), real.perConnectionBytes()) : ""));
        }
        sb.append("ratios within 0.70-1.30 meet the fidelity goal (±30 %); an after-start under 5 % of the real binary's\n"
                + "peak-start is ~0 (all given back): then both must be ~0; figures are from this machine at this moment\n");
        return sb.toString();
    }

    static String ratio(double clone, double real) {
        if (real <= 0 || Double.isNaN(real) || Double.isNaN(clone)) {
            return "n/a";
        }
        double r = clone / real;
        return String.format(Locale.ROOT, "%.2f%s", r, r >= 0.7 && r <= 1.3 ? " ok" : " !");
    }

    /**
     * after − start compared: a ratio, unless the real binary gave back all but 5 % ({@link #NEAR_ZERO}) of its growth — then
     * a ratio of two near-zero figures says nothing, and the clone must have given back as much ("~0 ok").
     */
    static String keptRatio(double clone, double real, double realGrowth) {
        double zero = NEAR_ZERO * realGrowth;
        if (realGrowth > 0 && Math.abs(real) < zero) {
            return Math.abs(clone) < zero ? "~0 ok" : kb(clone) + " !";
        }
        return ratio(clone, real);
    }

    static String mb(double bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static String kb(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%.0f KB", bytes / 1e3);
    }
}
