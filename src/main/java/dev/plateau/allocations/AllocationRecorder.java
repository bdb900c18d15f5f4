package dev.plateau.allocations;

import dev.plateau.events.EventLog;
import dev.plateau.load.BurstHandle;
import dev.plateau.load.BurstReport;
import dev.plateau.load.BurstRunner;
import dev.plateau.runs.Scenario;
import dev.plateau.runs.ScenarioBurst;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One profiled run of a command, standalone ({@code plateau allocations record}; {@code soak --profile heaptrack}
 * does the same through the run machinery, with a verdict, see {@link HeaptrackTarget}):
 * starts the command under heaptrack, waits until it accepts connections on its port, plays a scenario's bursts
 * at {@code http://127.0.0.1:PORT/}, waits the settle time with the held and abandoned connections still open,
 * sends the target SIGKILL, and summarises into the run folder ({@link HeaptrackProfile#finish}). The target's
 * output goes to {@code target.log}. Without a profile the same load runs against the bare command (to measure
 * heaptrack's overhead): RSS is still recorded in {@code heap.csv}.
 *
 * <pre>{@code
 * AllocationRecorder.Result r = new AllocationRecorder(HeaptrackProfile.locate(), Path.of("runs/fb"),
 *         List.of("fluent-bit", "-i", "http", "-p", "port=9880", "-o", "null", "-m", "*"), 9880, scenario)
 *         .progress(System.err::println).record();
 * }</pre>
 */
public final class AllocationRecorder {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    static final Duration RSS_INTERVAL = Duration.ofMillis(100);

    /** @param run the summary (null without heaptrack); @param reports one per burst; @param timeline heap and RSS */
    public record Result(Path dir, AllocationRun run, List<BurstReport> reports, HeapTimeline timeline) {
    }

    private final HeaptrackProfile profile;
    private final Path dir;
    private final List<String> command;
    private final int port;
    private final Scenario scenario;
    private final Clock clock = Clock.systemUTC();
    private Consumer<String> progress = m -> { };

    /** {@code profile} null = run the command bare (no heaptrack). */
    public AllocationRecorder(HeaptrackProfile profile, Path dir, List<String> command, int port, Scenario scenario) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port: must be 1-65535, was " + port);
        }
        this.profile = profile;
        this.dir = Objects.requireNonNull(dir, "dir");
        this.command = List.copyOf(command);
        this.port = port;
        this.scenario = Objects.requireNonNull(scenario, "scenario");
    }

    public AllocationRecorder progress(Consumer<String> p) {
        this.progress = Objects.requireNonNull(p, "progress");
        return this;
    }

    public Result record() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        long runStart = clock.millis();
        List<String> cmd = profile == null ? command : profile.wrap(command, dir);
        Process launched = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("target.log").toFile()).start();
        ProcessHandle target = launched.toHandle();
        try {
            if (profile != null) {
                target = profile.awaitTarget(launched.toHandle(), Duration.ofSeconds(10));
            }
            long targetStart = runStart + startOffsetMs(launched.toHandle(), target);
            RssTrack rss;
            try {
                rss = RssTrack.start(target.pid(), RSS_INTERVAL, clock);
            } catch (IllegalArgumentException gone) { // exited (or a zombie) before its RSS could be read once
                throw exitedBeforeListening();
            }
            awaitPort(target);
            progress.accept("target PID " + target.pid() + " listens on 127.0.0.1:" + port);
            List<BurstReport> reports;
            try (BurstRunner runner = new BurstRunner(new EventLog())) {
                reports = play(runner);
                settle();
                progress.accept("SIGKILL to PID " + target.pid() + " with the connections still open, once heaptrack's "
                        + "last data is out (~3 s)");
                if (profile == null) {
                    target.onExit().completeOnTimeout(target, HeaptrackProfile.FLUSH_WAIT.toMillis(),
                            java.util.concurrent.TimeUnit.MILLISECONDS).join();
                    List<RssTrack.Point> points = rss.stop();
                    target.destroyForcibly();
                    target.onExit().join();
                    HeapTimeline t = HeapTimeline.join(targetStart, runStart, List.of(), points);
                    t.write(dir.resolve(HeapTimeline.FILE));
                    return new Result(dir, null, reports, t);
                }
                long killed = HeaptrackProfile.kill(target, launched.toHandle(), Duration.ofSeconds(120));
                List<RssTrack.Point> points = rss.stop();
                progress.accept("reading heaptrack's data");
                AllocationRun run = profile.finish(dir, new HeaptrackProfile.Target(command, target.pid(), targetStart,
                        runStart, killed), points);
                AllocationRun.putMeta(dir, "load", reports.stream().map(AllocationRecorder::json).toList());
                return new Result(dir, AllocationRun.load(dir), reports, run.timeline());
            }
        } finally {
            target.destroyForcibly();
            launched.destroyForcibly();
        }
    }

    /**
     * How long after the launched process the target started. Both start times come from {@code /proc/PID/stat}
     * with the same whole-second boot time, so their difference is exact to a clock tick (10 ms) where each alone
     * may be a second off.
     */
    static long startOffsetMs(ProcessHandle launched, ProcessHandle target) {
        var a = launched.info().startInstant();
        var b = target.info().startInstant();
        return a.isPresent() && b.isPresent() ? Math.max(0, b.get().toEpochMilli() - a.get().toEpochMilli()) : 0;
    }

    private IOException exitedBeforeListening() {
        return new IOException("the target exited before it listened on port " + port + " (see "
                + dir.resolve("target.log") + ")");
    }

    private void awaitPort(ProcessHandle target) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!target.isAlive()) {
                throw exitedBeforeListening();
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("the target did not listen on 127.0.0.1:" + port + " within " + READY_TIMEOUT.toSeconds() + " s");
    }

    private List<BurstReport> play(BurstRunner runner) throws InterruptedException {
        URI url = URI.create("http://127.0.0.1:" + port + "/");
        List<BurstHandle> handles = new ArrayList<>();
        long t0 = System.nanoTime();
        for (ScenarioBurst b : scenario.bursts()) {
            long wait = t0 + (long) (b.atS() * 1e9) - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            progress.accept("burst " + (handles.size() + 1) + ": " + b.requests() + " requests on " + b.connections()
                    + " connections");
            handles.add(runner.start(b.toSpec(url)));
        }
        List<BurstReport> reports = new ArrayList<>();
        for (BurstHandle h : handles) {
            BurstReport r = h.result().join();
            progress.accept("burst: " + r.summary());
            reports.add(r);
        }
        return reports;
    }

    private void settle() throws InterruptedException {
        if (scenario.settleS() > 0) {
            progress.accept(String.format(java.util.Locale.ROOT, "settling %.1f s", scenario.settleS()));
            Thread.sleep(Math.round(scenario.settleS() * 1000));
        }
    }

    private static Map<String, Object> json(BurstReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", r.requests());
        m.put("answered", r.answered());
        m.put("failed", r.failed());
        m.put("duration_s", r.durationS());
        m.put("requests_per_s", r.requestsPerSec());
        m.put("p99_ms", r.p99Ms());
        return m;
    }
}
