package dev.plateau.load.bench;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.events.EventLog;
import dev.plateau.load.BaselineServer;
import dev.plateau.load.BurstHandle;
import dev.plateau.load.BurstReport;
import dev.plateau.load.BurstRunner;
import dev.plateau.load.BurstSpec;
import dev.plateau.load.Payload;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The {@code --memory} half of {@code plateau bench}: memory held per idle keep-alive connection after each
 * connection carried one large request. N connections each send one ~1 MB body and are then held open; the
 * difference in direct memory and RSS (after a full GC; RSS without the change in committed heap) against before the
 * burst, divided by N, is the cost of one idle connection. The default body ({@value #DEFAULT_LINES} lines, ~1.65 MB,
 * the size of docs/DESIGN.md §1's Fluent Bit measurement) grows a connection buffer to four 512K chunks, so shrink (which acts
 * above two chunks) has something to do. Measured for the bare Netty baseline (client side + Netty's own per-channel cost, both in this
 * JVM) and for the collector with shrink off and on; the collector's own share is collector minus baseline.
 * Uses fewer connections, with a clear message, when the open-files limit ({@code ulimit -n}) is too low — it
 * never raises a limit.
 *
 * <pre>{@code
 * List<IdleConnectionMemory.Row> rows = new IdleConnectionMemory(1000, 900, out).run();
 * }</pre>
 */
public final class IdleConnectionMemory {
    /** Generated lines of the body each idle connection carried once: ~1.65 MB. */
    public static final int DEFAULT_LINES = 1500;

    /** File descriptors kept free for the JVM, jars, wrk and friends. */
    static final int FD_RESERVE = 256;

    /** Memory per idle connection for one server setting. */
    public record Row(String server, String shrink, int connections, long bodyBytes, double bufferBytesPerConn,
            double directBytesPerConn, double rssBytesPerConn, long errors) {
    }

    private final int requestedConnections;
    private final int lines;
    private final PrintWriter out;

    public IdleConnectionMemory(int connections, int lines, PrintWriter out) {
        if (connections < 1 || connections > 10_000) {
            throw new IllegalArgumentException("--memory-connections: must be 1-10000, was " + connections);
        }
        if (lines < 1 || lines > 100_000) {
            throw new IllegalArgumentException("--memory-lines: must be 1-100000, was " + lines);
        }
        this.requestedConnections = connections;
        this.lines = lines;
        this.out = out;
    }

    /**
     * The memory table, then the collector's own share with shrink on (collector minus baseline, direct memory)
     * against the target: at most one {@code chunkBytes} plus 16 KiB per idle connection.
     */
    public static String format(List<Row> rows, long chunkBytes) {
        String row = "%-9s %-6s %11s %10s %16s %13s %13s %7s%n";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, row, "server", "shrink", "connections",
                "body", "buffers/conn", "direct/conn", "RSS/conn*", "errors"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, row, r.server(), r.shrink(), r.connections(),
                    BenchTable.size(r.bodyBytes()), r.server().equals("baseline") ? "-" : kb(r.bufferBytesPerConn()),
                    kb(r.directBytesPerConn()), kb(r.rssBytesPerConn()), r.errors()));
        }
        sb.append("* RSS growth minus the change in committed heap (a full GC before each reading may resize the heap)\n");
        Row base = rows.stream().filter(r -> r.server().equals("baseline")).findFirst().orElse(null);
        Row on = rows.stream().filter(r -> r.shrink().equals("on")).findFirst().orElse(null);
        if (base != null && on != null) {
            double own = on.directBytesPerConn() - base.directBytesPerConn();
            long limit = chunkBytes + 16 * 1024;
            sb.append(String.format(Locale.ROOT, "idle connection, shrink on, collector minus baseline: %s direct"
                    + " (target <= one chunk + 16 KiB = %s: %s)%n", kb(own), kb(limit), own <= limit ? "met" : "NOT met"));
            double ownRss = on.rssBytesPerConn() - base.rssBytesPerConn();
            if (!Double.isNaN(ownRss)) {
                sb.append(String.format(Locale.ROOT, "idle connection, shrink on, collector minus baseline: %s RSS*"
                        + " (%s; glibc keeps freed buffers unless MALLOC_MMAP_THRESHOLD_ is fixed, e.g. 131072)%n",
                        kb(ownRss), ownRss <= limit ? "met" : "NOT met"));
            }
        }
        return sb.toString();
    }

    private static String kb(double bytes) {
        return Double.isNaN(bytes) ? "-" : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
    }

    /** Connections this process can open (each one costs two descriptors here: client and server side). */
    public static int affordableConnections(int wanted) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            long free = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() - FD_RESERVE;
            return (int) Math.max(1, Math.min(wanted, free / 2));
        }
        return wanted;
    }

    public List<Row> run() {
        int n = affordableConnections(requestedConnections);
        if (n < requestedConnections) {
            out.printf(Locale.ROOT, "  the open-files limit (ulimit -n) allows only %d connections here (each needs two"
                    + " descriptors in this process); measuring %d instead of %d. Raise it in your shell with"
                    + " 'ulimit -n 4096' to measure more.%n", n, n, requestedConnections);
        }
        List<Row> rows = new ArrayList<>();
        EventLog events = new EventLog();
        try (BurstRunner runner = new BurstRunner(events)) {
            try (BaselineServer baseline = new BaselineServer(1)) {
                URI uri = URI.create("http://127.0.0.1:" + baseline.start("127.0.0.1", 0).getPort() + "/bench");
                rows.add(measure(runner, "baseline", "-", uri, n, () -> 0L, () -> true,
                        () -> baseline.openConnections() == 0));
            }
            for (boolean shrink : new boolean[] {false, true}) {
                CollectorConfig cfg = EndToEndBench.collectorConfig(1).toBuilder().shrink(shrink).build();
                try (Collector collector = new Collector(cfg, events)) {
                    collector.start();
                    URI uri = URI.create("http://127.0.0.1:" + collector.address().getPort() + "/bench");
                    rows.add(measure(runner, "collector", shrink ? "on" : "off", uri, n,
                            () -> collector.connections().totalCapacityBytes(), () -> collector.queueBytes() == 0,
                            () -> collector.connections().open() == 0));
                }
            }
        }
        return rows;
    }

    private Row measure(BurstRunner runner, String server, String shrink, URI uri, int n, LongSupplier bufferBytes,
            BooleanSupplier queueEmpty, BooleanSupplier allClosed) {
        out.printf(Locale.ROOT, "  %-9s shrink %-3s: %d connections, one large request each, then idle%n", server, shrink, n);
        out.flush();
        MemoryProbe.Reading before = MemoryProbe.settle();
        BurstSpec spec = new BurstSpec(uri, n, 0, 0, n, 0, false, true, lines, null, false, null, Duration.ofSeconds(120));
        BurstHandle handle = runner.start(spec);
        BurstReport report = handle.result().join();
        try {
            await(queueEmpty);
            MemoryProbe.Reading after = MemoryProbe.settle();
            long body = Payload.forSpec(spec).body().length;
            return new Row(server, shrink, n, body, bufferBytes.getAsLong() / (double) n,
                    (after.directBytes() - before.directBytes()) / (double) n,
                    before.rssBytes() < 0 ? Double.NaN : after.rssGrowthOutsideHeap(before) / (double) n,
                    report.failed() + report.non2xx());
        } finally {
            handle.closeHeld();
            await(() -> handle.openConnections() == 0 && allClosed.getAsBoolean());
        }
    }

    /** Polls (at most 30 s) until the condition holds; the bench goes on either way. */
    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
