package dev.plateau.load.bench;

import dev.plateau.collector.CollectorOptions;
import dev.plateau.events.EventLog;
import dev.plateau.load.BurstReport;
import dev.plateau.load.BurstRunner;
import dev.plateau.load.BurstSpec;
import dev.plateau.load.PayloadGenerator;
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
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * Plateau's {@code collect} and a real Fluent Bit, each in its own process, under the same load one after the
 * other, in alternating rounds: launch time, RSS at start, small requests with wrk (req/s, p50/p99, peak RSS, RSS
 * 1 s and {@code idle} after), large JSON arrays with wrk (MB/s, peak RSS), HTTP/2 cleartext with h2load
 * (req/s) and the small requests again at one constant rate from the built-in generator (p99 at the same offered
 * load). MB/s counts the bodies answered 2xx: a collector that refuses (503 at {@code mem_buf_limit}) is not
 * faster for it. Every figure is measured on both in the same round, so a busy machine slows both and ratios hold
 * better than absolute figures. Each round starts fresh processes; the idle wait of the small-request servers
 * overlaps the large-body runs, so a default run takes about 70 s a round.
 *
 * <pre>{@code
 * var plan = new SideBySide.Plan(Path.of("fluent-bit"), List.of("plateau"), 2, ...);
 * List<SideBySide.Round> rounds = new SideBySide(plan, out).run();
 * out.print(SideBySideReport.format(rounds, bench.largeBodyBytes()));
 * }</pre>
 */
public final class SideBySide {
    /** A ~80 B JSON record, the small body. */
    static final byte[] SMALL_BODY = "{\"log\":\"hello world from a small client, level info\",\"n\":42,\"host\":\"web-1\"}"
            .getBytes(StandardCharsets.US_ASCII);
    private static final String JSON = "application/json";

    /**
     * What to run: the Fluent Bit binary, the command that starts Plateau's CLI (its {@code collect} arguments are
     * appended), rounds, wrk's warm-up and measured durations, the idle wait, connections, the large body's
     * generated lines (~1.1 KB each), h2load's request count ({@code -c 8 -m 10}) and the paced run's rate in
     * requests/s (0 = no paced run).
     */
    public record Plan(Path fluentBit, List<String> plateau, int rounds, Duration warmup, Duration load, Duration idle,
            int smallConnections, int largeConnections, int largeLines, int h2Requests, double pacedRate) {
        public Plan {
            Objects.requireNonNull(fluentBit, "fluentBit");
            plateau = List.copyOf(plateau);
            if (rounds < 1 || smallConnections < 1 || largeConnections < 1 || largeLines < 1 || h2Requests < 100) {
                throw new IllegalArgumentException("rounds, connections and lines must be >= 1, h2 requests >= 100");
            }
            if (pacedRate < 0 || Double.isNaN(pacedRate) || Double.isInfinite(pacedRate)) {
                throw new IllegalArgumentException("paced rate must be >= 0 (0 = not measured), was " + pacedRate);
            }
        }
    }

    /** One server's figures in one round; RSS in bytes, latencies in ms, NaN where a tool was missing. */
    public record Figures(double launchMs, long rssStart, long smallPeak, long rss1s, long rssIdle, double smallRps,
            double p50Ms, double p99Ms, long errors, double largeMBps, long largeRejected, long largePeak, double h2Rps,
            double pacedP99Ms) {
    }

    /** Both servers' figures in one round. */
    public record Round(Figures plateau, Figures fluentBit) {
    }

    private final Plan plan;
    private final PrintWriter progress;
    private final byte[] largeBody;
    private final Path logs;

    public SideBySide(Plan plan, PrintWriter progress) {
        this.plan = plan;
        this.progress = progress;
        this.largeBody = PayloadGenerator.jsonArray(plan.largeLines(), PayloadGenerator.DEFAULT_SEED);
        try {
            this.logs = Files.createTempDirectory("plateau-side-by-side");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int largeBodyBytes() {
        return largeBody.length;
    }

    /** The rounds; throws {@link IllegalStateException} when wrk is missing or a server does not start. */
    public List<Round> run() {
        if (!WrkRunner.available()) {
            throw new IllegalStateException("wrk is not on the PATH (apt install wrk)");
        }
        List<Round> rounds = new ArrayList<>();
        for (int r = 1; r <= plan.rounds(); r++) {
            progress.printf("round %d of %d (server logs in %s)%n", r, plan.rounds(), logs);
            progress.flush();
            rounds.add(round(r % 2 == 1));
        }
        return rounds;
    }

    private Round round(boolean plateauFirst) {
        Measure p = new Measure("plateau");
        Measure f = new Measure("fluent-bit");
        List<Measure> order = plateauFirst ? List.of(p, f) : List.of(f, p);
        try (ServerProcess ps = start(p, true); ServerProcess fs = start(f, false)) {
            pause(Duration.ofSeconds(1));
            p.rssStart = ps.rssBytes();
            f.rssStart = fs.rssBytes();
            for (Measure m : order) {
                small(m, m == p ? ps : fs);
            }
            for (Measure m : order) {
                try (ServerProcess large = start(new Measure(m.name), m == p)) {
                    large(m, large);
                }
            }
            for (Measure m : order) {
                pause(Duration.ofNanos(Math.max(0, m.loadEnd + plan.idle().toNanos() - System.nanoTime())));
                m.rssIdle = (m == p ? ps : fs).rssBytes();
            }
            for (Measure m : order) {
                h2(m, m == p ? ps : fs);
            }
            for (Measure m : order) {
                paced(m, m == p ? ps : fs);
            }
        }
        return new Round(p.figures(), f.figures());
    }

    private ServerProcess start(Measure m, boolean plateau) {
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>();
        if (plateau) {
            command.addAll(plan.plateau());
            command.addAll(List.of("collect", CollectorOptions.LISTEN.flag(), "127.0.0.1", CollectorOptions.PORT.flag(),
                    "" + port, CollectorOptions.MONITOR_PORT.flag(), "0", CollectorOptions.OUTPUT_SPEC.flag(), "null"));
        } else {
            command.addAll(List.of(plan.fluentBit().toString(), "-i", "http", "-p", "listen=127.0.0.1", "-p",
                    "port=" + port, "-o", "null", "-m", "*"));
        }
        ServerProcess s = ServerProcess.start(m.name, command, port, logs.resolve(m.name + "-" + port + ".log"));
        if (Double.isNaN(m.launchMs)) {
            m.launchMs = s.launchMillis();
        }
        return s;
    }

    private void small(Measure m, ServerProcess s) {
        URI uri = uri(s);
        try (RssWatch watch = new RssWatch(s::rssBytes)) {
            new WrkRunner().run(uri, SMALL_BODY, JSON, plan.smallConnections(), plan.warmup());
            WrkRunner.Result r = new WrkRunner().run(uri, SMALL_BODY, JSON, plan.smallConnections(), plan.load());
            m.smallPeak = watch.peak();
            m.loadEnd = System.nanoTime();
            m.smallRps = r.requestsPerSec();
            m.p50 = r.p50Ms();
            m.p99 = r.p99Ms();
            m.errors += r.errors();
        }
        pause(Duration.ofSeconds(1));
        m.rss1s = s.rssBytes();
        progress.printf("  %-10s small: %,.0f req/s, p99 %.2f ms, peak RSS %.1f MB%n", m.name, m.smallRps, m.p99,
                m.smallPeak / 1e6);
        progress.flush();
    }

    private void large(Measure m, ServerProcess s) {
        URI uri = uri(s);
        try (RssWatch watch = new RssWatch(s::rssBytes)) {
            new WrkRunner().run(uri, largeBody, JSON, plan.largeConnections(), plan.warmup());
            WrkRunner.Result r = new WrkRunner().run(uri, largeBody, JSON, plan.largeConnections(), plan.load());
            m.largePeak = watch.peak();
            m.largeMBps = (r.requests() - r.errors()) / r.seconds() * largeBody.length / 1e6;
            m.largeRejected = r.errors();
        }
        progress.printf("  %-10s large: %.1f MB/s accepted, %d not (non-2xx or socket errors), peak RSS %.1f MB%n",
                m.name, m.largeMBps, m.largeRejected, m.largePeak / 1e6);
        progress.flush();
    }

    private void h2(Measure m, ServerProcess s) {
        if (!H2loadRunner.available()) {
            return;
        }
        H2loadRunner.runFor(uri(s), SMALL_BODY, plan.warmup(), 8, 10); // as long as wrk's warm-up
        H2loadRunner.Result r = H2loadRunner.run(uri(s), SMALL_BODY, plan.h2Requests(), 8, 10);
        m.h2Rps = r.requestsPerSec();
        m.errors += r.total() - r.ok2xx();
        progress.printf("  %-10s h2c: %,.0f req/s (%d of %d answered 2xx)%n", m.name, m.h2Rps, r.ok2xx(), r.total());
        progress.flush();
    }

    /**
     * The small load at a constant {@code pacedRate} that both servers sustain, from this JVM's own generator
     * (latency counted from each request's scheduled start, so a stall is not hidden): p99 at the same offered load,
     * where wrk's closed loop compares tails at each server's own saturation. The generator is warmed as long as
     * wrk, at the same rate, before the measured run.
     */
    private void paced(Measure m, ServerProcess s) {
        if (plan.pacedRate() <= 0) {
            return;
        }
        try (BurstRunner runner = new BurstRunner(new EventLog())) {
            runner.start(pacedSpec(s, plan.warmup())).result().join();
            BurstReport r = runner.start(pacedSpec(s, plan.load())).result().join();
            m.pacedP99 = r.p99Ms();
            m.errors += r.failed() + r.non2xx();
            progress.printf(Locale.ROOT, "  %-10s paced %,.0f req/s: p99 %.2f ms (%d failed, %d non-2xx)%n", m.name,
                    plan.pacedRate(), m.pacedP99, r.failed(), r.non2xx());
            progress.flush();
        }
    }

    private BurstSpec pacedSpec(ServerProcess s, Duration length) {
        int requests = (int) Math.max(1, Math.round(plan.pacedRate() * Math.max(1, length.toMillis()) / 1000.0));
        return new BurstSpec(uri(s), requests, 0, plan.pacedRate(), plan.smallConnections(), 0, false, false, 1,
                smallBodyFile(), false, null, Duration.ofSeconds(30));
    }

    /** The small body as a .json file, for the generator's payload option (written once per bench). */
    private Path smallBodyFile() {
        Path file = logs.resolve("small-body.json");
        try {
            if (!Files.exists(file)) {
                Files.write(file, SMALL_BODY);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static URI uri(ServerProcess s) {
        return URI.create("http://127.0.0.1:" + s.port() + "/app");
    }

    private static void pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** Figures of one server as they come in. */
    private static final class Measure {
        final String name;
        double launchMs = Double.NaN;
        long rssStart;
        long smallPeak;
        long rss1s;
        long rssIdle;
        long loadEnd;
        double smallRps;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        long errors;
        double largeMBps;
        long largeRejected;
        long largePeak;
        double h2Rps = Double.NaN;
        double pacedP99 = Double.NaN;

        Measure(String name) {
            this.name = name;
        }

        Figures figures() {
            return new Figures(launchMs, rssStart, smallPeak, rss1s, rssIdle, smallRps, p50, p99, errors, largeMBps,
                    largeRejected, largePeak, h2Rps, pacedP99);
        }
    }
}
