package dev.plateau.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plateau.series.SeriesTable;
import dev.plateau.targets.TargetFault;
import dev.plateau.targets.TargetLauncher;
import dev.plateau.targets.TargetSpec;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.load.BurstHandle;
import dev.plateau.load.BurstProgress;
import dev.plateau.load.BurstReport;
import dev.plateau.load.BurstRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plays a {@link Scenario} against its target: an embedded collector on an ephemeral loopback port (the default),
 * or a process launched or attached to ({@link TargetSpec}: the scenario's {@code target}, or {@link #target}). It
 * creates the run folder, starts the target there (its output into {@code target.log}), samples its series
 * (embedded collector or {@code /proc/PID} and a Prometheus endpoint, plus the load generator), fires each burst at
 * its {@code at_s} with a {@link BurstRunner}, waits for the bursts, then the settle time, takes a last sample,
 * computes {@link RunStats} for the chosen metrics against the chosen {@link Work} from the recorded
 * {@code samples.csv}, writes them as {@code summary} into {@code run.json} and tears everything down (abandoned
 * and held connections are closed only after the last sample, so it shows them). A target that fails
 * ({@link TargetFault}) stops the run early; the run is kept and marked with the fault.
 *
 * <pre>{@code
 * ScenarioPlayer player = new ScenarioPlayer(Scenario.load(file), Path.of("runs"))
 *         .progress((fraction, message) -> System.err.println(message));
 * ScenarioPlayer.Result r = player.play();          // blocks; player.cancel() from another thread stops early
 * r.stats().forEach(s -> System.out.println(s.metric() + " " + s.verdict().label()));
 * }</pre>
 *
 * <p>Over 300 lines because it is the one place that runs a scenario's phases in order (target, recorder, bursts,
 * settle, verdicts, summary) with progress and cancellation; each phase's work lives in its own class.
 */
public final class ScenarioPlayer {
    /**
     * Metrics summarised when none are given. {@code heap_used_bytes} is left out on purpose: between two GCs it
     * rises with every allocation, so its slope measures the allocation rate, not retention.
     */
    public static final List<String> DEFAULT_METRICS = List.of("conn_buffer_bytes", "encoder_retained_bytes",
            "direct_used_bytes", "rss_bytes");

    /** Metrics judged for an external target when none are given: what {@code /proc/PID} says of its memory. */
    public static final List<String> TARGET_METRICS = List.of("target_rss_bytes", "target_anon_bytes");

    /** Progress callback: fraction 0..1 and a one-line message. Called on the playing thread. */
    @FunctionalInterface
    public interface Progress {
        void update(double fraction, String message);
    }

    /**
     * @param run       the recorded run, as loaded back from disk
     * @param stats     one row per metric
     * @param reports   one report per burst that started
     * @param cancelled the scenario was cancelled before its end
     */
    public record Result(Run run, List<RunStats> stats, List<BurstReport> reports, boolean cancelled) {
        public boolean anyGrowing() {
            return stats.stream().anyMatch(s -> s.verdict() == Verdict.GROWING);
        }
    }

    private final Scenario scenario;
    private final Path runsRoot;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private List<String> metrics;
    private Trend trend = new Trend();
    private Work work = Work.REQUESTS;
    private TargetSpec target;
    private TargetLauncher launcher;
    private String label;
    private Progress progress = (f, m) -> { };
    private long startNanos = System.nanoTime();
    private double lastFraction;
    private EventLog events = new EventLog();

    public ScenarioPlayer(Scenario scenario, Path runsRoot) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.runsRoot = Objects.requireNonNull(runsRoot, "runsRoot");
        this.launcher = new TargetLauncher(events);
    }

    /**
     * Metrics to summarise (validated now: an unknown name throws, naming the known ones; set the target first,
     * a scraped one allows any Prometheus name).
     */
    public ScenarioPlayer metrics(List<String> names) {
        TargetSpec t = target != null ? target : scenario.target();
        names.forEach(n -> RunStats.checkName(n, t != null && t.metrics() != null));
        this.metrics = List.copyOf(names);
        return this;
    }

    public ScenarioPlayer trend(Trend t) {
        this.trend = Objects.requireNonNull(t, "trend");
        return this;
    }

    public ScenarioPlayer progress(Progress p) {
        this.progress = Objects.requireNonNull(p, "progress");
        return this;
    }

    /** The event log the collector, bursts and recorder write to (e.g. to print events as they happen). */
    public ScenarioPlayer events(EventLog log) {
        this.events = Objects.requireNonNull(log, "events");
        this.launcher = new TargetLauncher(log);
        return this;
    }

    /** The run's label (default: the scenario's name), e.g. an experiment's variant. */
    public ScenarioPlayer label(String l) {
        this.label = l;
        return this;
    }

    /** Stops the scenario early (from any thread): bursts are cancelled, the settle time skipped, the run kept. */
    public void cancel() {
        cancelled.countDown();
    }

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** Plays against this target instead of the scenario's ({@code null}: the scenario's, else embedded). */
    public ScenarioPlayer target(TargetSpec spec) {
        this.target = spec;
        return this;
    }

    /** What slopes are measured against (default: answered requests). */
    public ScenarioPlayer work(Work w) {
        this.work = Objects.requireNonNull(w, "work");
        return this;
    }

    /** Launches targets (a profiler wraps its command here). */
    public ScenarioPlayer launcher(TargetLauncher l) {
        this.launcher = Objects.requireNonNull(l, "launcher");
        return this;
    }

    /** Plays the scenario to its end (or cancellation) and returns the recorded run with its stats. */
    public Result play() throws IOException, InterruptedException, TargetFault {
        TargetSpec spec = target != null ? target : scenario.target();
        RunRecorder recorder = new RunRecorder(runsRoot, label != null ? label : scenario.name(), events, Clock.systemUTC());
        recorder.meta("scenario", scenario.source()).meta("load", scenario.source().path("bursts"));
        List<BurstReport> reports = new ArrayList<>();
        RunRig rig = null;
        try (BurstRunner runner = new BurstRunner(events)) {
            Path dir = recorder.start();
            try {
                rig = spec == null ? RunRig.embedded(scenario, events)
                        : RunRig.external(spec, scenario.sampleInterval(), launcher, dir);
            } catch (TargetFault f) {
                recorder.fault(f.getMessage()).finish();
                throw f;
            }
            recorder.meta("target", rig.describe(spec));
            if (rig.collector() != null) {
                recorder.meta("collector", scenario.collectorJson())
                        .meta("policies", rig.collector().policies().state().describe());
            }
            recorder.follow(rig.series());
            rig.start();
            List<BurstHandle> handles = runBursts(runner, rig);
            for (BurstHandle h : handles) {
                reports.add(h.result().join());
            }
            settle(rig);
            rig.stopAndSampleLast();
            recorder.flush();
            String fault = rig.fault();
            List<RunStats> stats = new ArrayList<>();
            SeriesTable table = SampleCsv.read(dir.resolve(RunFiles.SAMPLES));
            for (String m : metrics != null ? metrics : spec == null ? DEFAULT_METRICS : TARGET_METRICS) {
                if (table.has(m)) {
                    stats.add(RunStats.of(recorder.label(), table, m, trend, work));
                } else {
                    events.emit(EventKind.WARNING, "metric " + m + " was not recorded in this run");
                }
            }
            recorder.summary(summaryJson(stats, reports));
            if (fault == null) {
                rig.endTarget();
            }
            if (fault != null) {
                recorder.fault(fault).finish();
                throw new TargetFault(fault, dir);
            }
            recorder.finish();
            progress.update(1.0, "done: " + dir);
            return new Result(new RunStore(runsRoot).load(dir), stats, reports, isCancelled());
        } finally {
            if (rig != null) {
                rig.close();
            }
            recorder.close();
        }
    }

    private List<BurstHandle> runBursts(BurstRunner runner, RunRig rig) throws InterruptedException {
        List<BurstHandle> handles = new ArrayList<>();
        long t0 = System.nanoTime();
        startNanos = t0;
        for (ScenarioBurst b : scenario.bursts()) {
            long due = t0 + (long) (b.atS() * 1e9);
            while (System.nanoTime() < due && !isCancelled() && rig.fault() == null) {
                report(handles, "waiting for burst " + (handles.size() + 1) + " at " + b.atS() + " s");
                cancelled.await(Math.min(100_000_000L, due - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            if (isCancelled() || rig.fault() != null) {
                break;
            }
            BurstHandle h = runner.start(b.toSpec(rig.url()));
            rig.load().add(h);
            handles.add(h);
        }
        while (!handles.stream().allMatch(h -> h.result().isDone())) {
            report(handles, null);
            if (isCancelled() || rig.fault() != null) {
                // the counted-down latch no longer waits: wait on the bursts themselves, or this loop spins
                handles.forEach(BurstHandle::cancel);
                awaitBursts(handles, 100);
            } else {
                cancelled.await(100, TimeUnit.MILLISECONDS);
            }
        }
        report(handles, null, "bursts done"); // the final count, also when the last poll saw some still running
        return handles;
    }

    private static void awaitBursts(List<BurstHandle> handles, long millis) throws InterruptedException {
        try {
            CompletableFuture.allOf(handles.stream().map(BurstHandle::result).toArray(CompletableFuture[]::new))
                    .get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a failed burst is done too; a slow one is looked at again by the caller's loop
        }
    }

    private void report(List<BurstHandle> handles, String message) {
        report(handles, message, "bursts");
    }

    private void report(List<BurstHandle> handles, String message, String phase) {
        long planned = Math.max(1, scenario.plannedRequests());
        long completed = 0;
        for (BurstHandle h : handles) {
            BurstProgress p = h.progress();
            completed += p.answered() + p.failed();
        }
        String counts = String.format(Locale.ROOT, "%s: %d/%d requests completed", phase, completed, planned);
        // while a later burst is due, the running ones still show their count
        String text = message == null ? counts : handles.isEmpty() ? message : message + " — " + counts;
        double byRequests = Math.min(1.0, (double) completed / planned);
        double byTime = Math.min(1.0, (System.nanoTime() - startNanos) / 1e9 / burstPhaseS());
        advance(burstShare() * (message != null ? byTime : Math.max(byRequests, Math.min(byTime, 0.5))), text);
    }

    /** The bursts' planned span (last start plus a second), the bar's measure of the burst phase. */
    private double burstPhaseS() {
        return scenario.bursts().stream().mapToDouble(ScenarioBurst::atS).max().orElse(0) + 1;
    }

    /** The bar's share for the bursts, in proportion to time: the settle phase gets the rest. */
    private double burstShare() {
        return burstPhaseS() / (burstPhaseS() + scenario.settleS());
    }

    /** Moves the bar forward only, in step with the text. */
    private void advance(double fraction, String text) {
        lastFraction = Math.max(lastFraction, Math.min(0.999, fraction));
        progress.update(lastFraction, text);
    }

    private void settle(RunRig rig) throws InterruptedException {
        long end = System.nanoTime() + (long) (scenario.settleS() * 1e9);
        while (!isCancelled() && rig.fault() == null && System.nanoTime() < end) {
            double left = (end - System.nanoTime()) / 1e9;
            advance(burstShare() + (1 - burstShare()) * (1 - left / Math.max(1e-9, scenario.settleS())),
                    String.format(Locale.ROOT, "settling: %.1f s left", left));
            cancelled.await(Math.min(100_000_000L, Math.max(0, end - System.nanoTime())), TimeUnit.NANOSECONDS);
        }
        if (isCancelled()) {
            events.emit(EventKind.RUN, "scenario " + scenario.name() + " cancelled");
        }
    }

    private Map<String, Object> summaryJson(List<RunStats> stats, List<BurstReport> reports) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cancelled", isCancelled());
        m.put("threshold", trend.threshold().toJson());
        m.put("per", work.per().symbol());
        m.put("work_series", work.column());
        m.put("metrics", stats.stream().map(RunStats::toJson).toList());
        List<Map<String, Object>> bursts = new ArrayList<>();
        List<JsonNode> specs = scenario.burstSources();
        for (int i = 0; i < reports.size(); i++) {
            BurstReport r = reports.get(i);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("spec", specs.get(i));
            b.put("requests", r.requests());
            b.put("answered", r.answered());
            b.put("failed", r.failed());
            b.put("non_2xx", r.non2xx());
            b.put("duration_s", r.durationS());
            b.put("requests_per_s", r.requestsPerSec());
            b.put("p99_ms", r.p99Ms());
            b.put("status_counts", r.statusCounts());
            b.put("errors", r.errors());
            bursts.add(b);
        }
        m.put("bursts", bursts);
        return m;
    }
}
