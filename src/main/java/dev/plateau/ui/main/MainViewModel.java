package dev.plateau.ui.main;

import dev.plateau.events.EventLog;
import dev.plateau.telemetry.Sample;
import dev.plateau.ui.common.BackgroundTasks;
import dev.plateau.ui.common.Errors;
import dev.plateau.ui.common.PngWriter;
import dev.plateau.ui.common.Units;
import dev.plateau.ui.compare.CompareViewModel;
import dev.plateau.ui.compare.ExperimentViewModel;
import dev.plateau.ui.connections.ConnectionsViewModel;
import dev.plateau.ui.live.LiveViewModel;
import dev.plateau.ui.load.LoadViewModel;
import dev.plateau.ui.log.LogViewModel;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.util.Duration;

/**
 * The main window's state: the sub view models, which tab is shown, the refresh tick (4 Hz on the FX thread,
 * refreshing the status bar and only the shown tab), and the file jobs of the toolbar (Export CSV…, Save PNG…)
 * with their progress and outcome shown in the status bar.
 */
public final class MainViewModel {
    public static final Duration TICK = Duration.millis(250);
    /** The idle timeout field's upper bound, in seconds. */
    public static final int MAX_IDLE_SECONDS = 3600;
    private static final Pattern IDLE = Pattern.compile("\\s*(\\d{1,4})\\s*s?\\s*");

    private final Parts parts;
    private final ObjectProperty<Page> page = new SimpleObjectProperty<>(this, "page", Page.LIVE);
    private final ReadOnlyStringWrapper jobMessage = new ReadOnlyStringWrapper(this, "jobMessage", "");
    private final ReadOnlyBooleanWrapper jobError = new ReadOnlyBooleanWrapper(this, "jobError");
    private final ReadOnlyDoubleWrapper jobProgress = new ReadOnlyDoubleWrapper(this, "jobProgress", 0);
    private final ReadOnlyBooleanWrapper jobRunning = new ReadOnlyBooleanWrapper(this, "jobRunning");
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private ScheduledExecutorService ticker;

    /** Everything the window is made of; built by {@link Console}. */
    public record Parts(EventLog events, BackgroundTasks tasks, Clock clock, Supplier<List<Sample>> samples,
                        CollectorViewModel collector, LiveViewModel live, ConnectionsViewModel connections,
                        LogViewModel log, StatusViewModel status, LoadViewModel load,
                        CompareViewModel compare, ExperimentViewModel experiment, RunsViewModel runs,
                        WatchViewModel watch) {
    }

    public MainViewModel(Parts parts) {
        this.parts = Objects.requireNonNull(parts, "parts");
        page.addListener((obs, old, now) -> tick());
    }

    /** One refresh: the status bar, the running burst, and the shown tab only. */
    public void tick() {
        parts.status().refresh();
        parts.watch().refresh();
        switch (page.get()) {
            case LIVE -> parts.live().refresh();
            case CONNECTIONS -> parts.connections().refresh();
            case LOG -> parts.log().refresh();
            default -> { }
        }
    }

    /**
     * Refreshes every {@link #TICK} on the FX thread. A plain timer thread posts the ticks, not a {@code Timeline}:
     * a running animation makes JavaFX pulse 60 times a second (CSS and layout passes on the FX thread) although
     * only 4 of them have anything new. A tick is not posted while the previous one is still queued.
     */
    public void startTicking() {
        if (ticker != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plateau-ui-tick");
            t.setDaemon(true);
            return t;
        });
        long period = (long) TICK.toMillis();
        ticker.scheduleAtFixedRate(() -> {
            if (tickQueued.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    tickQueued.set(false);
                    tick();
                });
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    public void stopTicking() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    /** Writes samples, events and connections CSV files into {@code dir} (named with a timestamp). */
    public Task<List<Path>> exportCsv(Path dir) {
        List<Sample> samples = parts.samples().get();
        var events = parts.events().all();
        Task<List<Path>> task = new Task<>() {
            @Override
            protected List<Path> call() throws Exception {
                updateMessage("exporting CSV to " + dir + " ...");
                return CsvSnapshot.write(dir, samples, events, parts.clock().instant(), this::updateProgress);
            }
        };
        return job(task, t -> "exported " + samples.size() + " samples, " + events.size() + " events to "
                + dir.resolve(t.getValue().get(0).getFileName().toString().replace("samples", "*")));
    }

    /** The idle timeout field's text as seconds ("30", "30 s", "30s"), capped at {@link #MAX_IDLE_SECONDS}; empty when not a number. */
    public static Optional<Integer> idleSeconds(String text) {
        Matcher m = IDLE.matcher(text == null ? "" : text);
        return m.matches() ? Optional.of(Math.min(MAX_IDLE_SECONDS, Integer.parseInt(m.group(1))))
                : Optional.empty();
    }

    /** The Save PNG… dialog's suggested name: the shown tab and a timestamp. */
    public String pngName() {
        return "plateau-" + page.get().name().toLowerCase(Locale.ROOT) + "-"
                + Units.fileStamp(parts.clock().instant()) + ".png";
    }

    /** Writes an already captured image (see {@link PngWriter#capture}) as PNG. */
    public Task<Path> savePng(BufferedImage image, Path file) {
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                updateMessage("saving " + file.getFileName() + " ...");
                updateProgress(-1, 1);
                PngWriter.write(image, file);
                updateProgress(1, 1);
                return file;
            }
        };
        return job(task, t -> "saved " + file + " (" + image.getWidth() + "x" + image.getHeight() + ")");
    }

    private <T> Task<T> job(Task<T> task, Function<Task<T>, String> success) {
        jobProgress.bind(task.progressProperty());
        jobMessage.bind(task.messageProperty());
        jobError.set(false);
        jobRunning.set(true);
        task.setOnSucceeded(e -> finish(success.apply(task), false));
        task.setOnFailed(e -> finish(Errors.message(task.getException()), true));
        task.setOnCancelled(e -> finish("cancelled", true));
        return parts.tasks().submit(task);
    }

    private void finish(String message, boolean error) {
        jobProgress.unbind();
        jobMessage.unbind();
        jobProgress.set(error ? 0 : 1);
        jobMessage.set(message);
        jobError.set(error);
        jobRunning.set(false);
    }

    /** Closing the window: stop ticking, cancel bursts and jobs, close the load generator and stop sampling, then drain and stop the collector. */
    public void shutdown(Runnable stopLoadAndSampling) {
        stopTicking();
        parts.load().cancel();
        parts.experiment().cancel();
        parts.runs().stopRecording();
        if (stopLoadAndSampling != null) {
            stopLoadAndSampling.run();
        }
        parts.collector().stopNow();
        parts.tasks().shutdown(2_000);
    }

    public Parts parts() {
        return parts;
    }

    public ObjectProperty<Page> pageProperty() {
        return page;
    }

    public ReadOnlyStringProperty jobMessageProperty() {
        return jobMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty jobErrorProperty() {
        return jobError.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty jobProgressProperty() {
        return jobProgress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty jobRunningProperty() {
        return jobRunning.getReadOnlyProperty();
    }
}
