package dev.plateau.ui.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.series.Frame;
import dev.plateau.series.ProcessSource;
import dev.plateau.ui.target.TargetKind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import dev.plateau.allocations.AllocationRun;
import dev.plateau.allocations.HeaptrackMissingException;
import dev.plateau.allocations.HeaptrackProfile;
import dev.plateau.load.BurstHandle;
import dev.plateau.load.BurstRunner;
import dev.plateau.load.BurstSpec;
import dev.plateau.series.LoadSource;
import dev.plateau.testing.PythonSink;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/**
 * The Target choice's view model against real processes: the Python sink of the target tests (a non-JVM HTTP sink
 * with a Prometheus endpoint), launched by command or attached to by PID.
 */
class TargetViewModelTest {
    private final EventLog events = new EventLog();
    private final ExecutorService background = Executors.newCachedThreadPool();
    private final TargetViewModel model = new TargetViewModel(events, background, Runnable::run);
    private Process attached;

    static String sink() throws Exception {
        return PythonSink.script();
    }

    @AfterEach
    void stopEverything() {
        model.stopNow();
        if (attached != null) {
            attached.destroyForcibly();
        }
        background.shutdownNow();
    }

    private void launch(String command, String metrics) {
        model.kindProperty().set(TargetKind.COMMAND);
        model.commandProperty().set(command);
        model.metricsProperty().set(metrics);
        model.start();
    }

    @Test
    void launchedCommand_drawsItsRssAndScrapedSeries_andStopEndsIt() throws Exception {
        launch("python3 '" + sink() + "' {port} keep", "http://127.0.0.1:{port}/metrics");
        await().atMost(Duration.ofSeconds(20)).until(() -> model.runningProperty().get());
        String url = model.urlOr("embedded");
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/");
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "in"))
                .POST(HttpRequest.BodyPublishers.ofString("[{\"log\":\"x\"}]")).build(), HttpResponse.BodyHandlers.discarding());
        await().atMost(Duration.ofSeconds(10)).until(() -> model.frames().stream()
                .anyMatch(f -> f.value("sink_kept_bytes") > 0 && f.value(ProcessSource.RSS.column()) > 1_000_000));
        assertThat(model.scrapedSeries()).contains("sink_kept_bytes", "sink_records_total{name=\"http.0\"}")
                .noneMatch(c -> c.startsWith("target_"));
        assertThat(model.chosenSeriesProperty().get()).isEqualTo("sink_records_total{name=\"http.0\"}");
        assertThat(model.series().registry().series()).extracting(s -> s.column()).contains("target_rss_bytes");
        assertThat(events.all()).extracting(Event::message).anyMatch(m -> m.startsWith("target: sink listening on"));
        long pid = (long) model.describe().get("pid");

        model.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !model.runningProperty().get());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(model.urlOr("embedded")).isEqualTo("embedded");
        assertThat(model.statusProperty().get()).isEqualTo("stopped pid " + pid);
    }

    @Test
    void targetThatDies_isAWarningEventAndAnErrorStatus() throws Exception {
        launch("python3 '" + sink() + "' {port} drop --die-after 1", "");
        await().atMost(Duration.ofSeconds(20)).until(() -> model.runningProperty().get());
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(model.urlOr(null) + "in"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException dyingWhileAnswering) {
            // the sink may exit before the answer is read: the death below is what counts
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> model.statusErrorProperty().get());
        assertThat(model.statusProperty().get()).contains("exited with code 7");
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(events.all()).anyMatch(e -> e.kind() == EventKind.WARNING && e.message().contains("exited with code 7"));
        List<Frame> kept = model.frames();
        assertThat(kept).isNotEmpty().allMatch(f -> !Double.isNaN(f.value(ProcessSource.RSS.column())));
    }

    @Test
    void attachedPid_isSampledAndLeftRunningOnStop() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        attached = new ProcessBuilder("python3", sink(), Integer.toString(port), "drop").redirectErrorStream(true).start();
        model.kindProperty().set(TargetKind.PID);
        model.pidProperty().set(Long.toString(attached.pid()));
        model.urlProperty().set("http://127.0.0.1:" + port + "/");
        model.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> model.runningProperty().get());
        await().atMost(Duration.ofSeconds(10)).until(() -> !model.frames().isEmpty());
        assertThat(model.describe()).containsEntry("kind", "pid").containsEntry("pid", attached.pid());
        model.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !model.runningProperty().get());
        assertThat(attached.isAlive()).as("an attached process is not ours to stop").isTrue();
    }

    /**
     * The console's Launch with the heaptrack box: the sink runs under real heaptrack, the console's load source is
     * sampled with it (so a recorded run has {@code load_answered_total} to judge per request), and Stop has
     * heaptrack end it — its allocation sites go into the run recorded meanwhile, raw data included.
     */
    @Test
    void heaptrackBox_summarisesAllocationSitesIntoTheRecordedRun_andLoadIsSampled(@TempDir Path tmp) throws Exception {
        try {
            HeaptrackProfile.locate();
        } catch (HeaptrackMissingException e) {
            Assumptions.abort(e.getMessage() + " (.ci/run installs it)");
        }
        LoadSource load = new LoadSource();
        TargetViewModel profiled = new TargetViewModel(events, background, Runnable::run, List.of(load))
                .profiledParent(tmp.resolve("runs"));
        try (BurstRunner runner = new BurstRunner(events)) {
            profiled.kindProperty().set(TargetKind.COMMAND);
            // the interpreter itself: a shim script (pyenv) that exec's it would run untracked
            profiled.commandProperty().set("'" + PythonSink.interpreter() + "' '" + sink() + "' {port} keep");
            profiled.heaptrackProperty().set(true);
            profiled.start();
            assertThat(profiled.statusProperty().get()).isEqualTo("launching under heaptrack …");
            await().atMost(Duration.ofSeconds(90)).until(() -> profiled.runningProperty().get() || !profiled.busyProperty().get());
            assertThat(profiled.statusProperty().get()).endsWith(" · under heaptrack");
            assertThat(profiled.describe()).containsEntry("profile", "heaptrack");
            Path run = Files.createDirectories(tmp.resolve("runs/console-run"));
            profiled.recordingInto(run);

            BurstHandle burst = runner.start(new BurstSpec(URI.create(profiled.urlOr(null) + "in"), 20, 0, 0, 2, 0,
                    false, false, 50, null, false, null, Duration.ofSeconds(10)));
            load.add(burst);
            assertThat(burst.result().get(60, TimeUnit.SECONDS).answered()).isEqualTo(20);
            await().atMost(Duration.ofSeconds(10)).until(() -> profiled.frames().stream()
                    .anyMatch(f -> f.value(LoadSource.ANSWERED.column()) == 20));
            assertThat(profiled.scrapedSeries()).noneMatch(c -> c.startsWith("load_"));

            profiled.stop();
            await().atMost(Duration.ofSeconds(120)).until(() -> !profiled.runningProperty().get());
            assertThat(profiled.statusProperty().get()).startsWith("stopped pid ").endsWith(" · allocation sites in " + run);
            assertThat(profiled.summarisedProperty().get()).isEqualTo(run);
            AllocationRun sites = AllocationRun.load(run);
            assertThat(sites.report().peakHeapBytes()).isPositive();
            assertThat(HeaptrackProfile.rawFile(run).getFileName().toString()).startsWith("heaptrack.python3");
        } finally {
            profiled.stopNow();
        }
    }

    @Test
    void badInput_isAOneLineStatus_andNothingStarts() {
        model.kindProperty().set(TargetKind.COMMAND);
        model.start();
        assertThat(model.statusProperty().get()).startsWith("command: type the command");
        model.commandProperty().set("echo 'unterminated");
        model.start();
        assertThat(model.statusProperty().get()).isEqualTo("target command: unterminated ' quote");
        model.kindProperty().set(TargetKind.PID);
        model.pidProperty().set("fluent-bit");
        model.start();
        assertThat(model.statusProperty().get()).isEqualTo("PID: a whole number, e.g. a fluent-bit's");
        assertThat(model.statusErrorProperty().get()).isTrue();
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void missingCommand_saysSoInTheStatus() {
        launch("/nonexistent/fluent-bit -p port={port}", "");
        await().atMost(Duration.ofSeconds(10)).until(() -> model.statusErrorProperty().get());
        assertThat(model.statusProperty().get())
                .isEqualTo("target command not found or not executable: /nonexistent/fluent-bit");
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void preferredSeries_isAnInputRecordsCounter() {
        assertThat(TargetViewModel.preferred(List.of("fluentbit_uptime", "fluentbit_input_bytes_total{name=\"http.0\"}",
                "fluentbit_input_records_total{name=\"http.0\"}"))).isEqualTo("fluentbit_input_records_total{name=\"http.0\"}");
        assertThat(TargetViewModel.preferred(List.of("a", "b"))).isEqualTo("a");
        assertThat(TargetViewModel.preferred(List.of())).isNull();
    }
}
