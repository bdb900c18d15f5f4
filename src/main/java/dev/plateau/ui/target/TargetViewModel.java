package dev.plateau.ui.target;

import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.series.Frame;
import dev.plateau.series.ProcessSource;
import dev.plateau.series.PrometheusSource;
import dev.plateau.series.Series;
import dev.plateau.series.SeriesSampler;
import dev.plateau.series.Source;
import dev.plateau.targets.Target;
import dev.plateau.targets.TargetFault;
import dev.plateau.targets.TargetLauncher;
import dev.plateau.targets.TargetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The console's Target choice: the embedded collector, a command Plateau launches ({@code {port}} and
 * {@code {metrics_port}} replaced by free ports, as {@code soak --target-command}), or a PID it attaches to. While a
 * target runs, a {@link SeriesSampler} reads its process ({@code target_rss_bytes} …) and, when a metrics URL is
 * given, its Prometheus endpoint every {@link #INTERVAL}; the last {@link #KEEP} frames feed the Live tab, and a run
 * recorded meanwhile records this sampler's series ({@link #series()}). A launched target's output lines are events
 * (the Log tab); its death is a {@code WARNING} event and a status change; {@link #stop()} stops it (SIGTERM, then
 * SIGKILL, through the launcher's {@link Target#close()}).
 *
 * <p>Blocking work (launch and readiness, stop) runs on {@code background}; property changes are posted to
 * {@code ui} (the FX thread in the console, the calling thread in tests).
 */
public final class TargetViewModel {
    /** Where a run's load and charts point. */
    public enum Kind {
        EMBEDDED("Embedded"), COMMAND("Launch command"), PID("Attach to PID");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static final Duration INTERVAL = Duration.ofMillis(250);
    public static final int KEEP = 4 * 60 * 15;
    public static final String DEFAULT_URL = "http://127.0.0.1:{port}/";

    private final EventLog events;
    private final ExecutorService background;
    private final Executor ui;
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(this, "kind", Kind.EMBEDDED);
    private final StringProperty command = new SimpleStringProperty(this, "command", "");
    private final StringProperty pid = new SimpleStringProperty(this, "pid", "");
    private final StringProperty url = new SimpleStringProperty(this, "url", DEFAULT_URL);
    private final StringProperty metrics = new SimpleStringProperty(this, "metrics", "");
    private final StringProperty chosenSeries = new SimpleStringProperty(this, "chosenSeries");
    private final ObservableList<String> scraped = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper statusError = new ReadOnlyBooleanWrapper(this, "statusError");
    private final ReadOnlyLongWrapper framesSeen = new ReadOnlyLongWrapper(this, "framesSeen");
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private volatile Target target;
    private volatile SeriesSampler series;
    private volatile boolean deathReported;

    public TargetViewModel(EventLog events, ExecutorService background, Executor ui) {
        this.events = Objects.requireNonNull(events, "events");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /** The spec of the fields, or an {@link IllegalArgumentException} with a one-line message. */
    public TargetSpec spec() {
        String u = url.get() == null || url.get().isBlank() ? DEFAULT_URL : url.get().trim();
        String m = metrics.get() == null || metrics.get().isBlank() ? null : metrics.get().trim();
        return switch (kind.get()) {
            case EMBEDDED -> throw new IllegalArgumentException("the embedded collector needs no target");
            case COMMAND -> {
                if (command.get() == null || command.get().isBlank()) {
                    throw new IllegalArgumentException("command: type the command to launch, e.g. fluent-bit -i http -p port={port} -o null");
                }
                TargetSpec.split(command.get());
                yield new TargetSpec(command.get().trim(), 0, u, m, TargetSpec.DEFAULT_READY_TIMEOUT);
            }
            case PID -> {
                long p;
                try {
                    p = Long.parseLong(pid.get().trim());
                } catch (NumberFormatException | NullPointerException e) {
                    throw new IllegalArgumentException("PID: a whole number, e.g. a fluent-bit's");
                }
                if (p <= 0) {
                    throw new IllegalArgumentException("PID: must be > 0");
                }
                yield new TargetSpec(null, p, u, m, TargetSpec.DEFAULT_READY_TIMEOUT);
            }
        };
    }

    /** Launches or attaches in the background; the status says when it listens, or why not. */
    public void start() {
        if (running.get() || busy.get() || kind.get() == Kind.EMBEDDED) {
            return;
        }
        TargetSpec spec;
        try {
            spec = spec();
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        busy.set(true);
        statusError.set(false);
        status.set(spec.launches() ? "launching …" : "attaching …");
        background.submit(() -> launch(spec));
    }

    private void launch(TargetSpec spec) {
        try {
            Path dir = Files.createTempDirectory("plateau-target");
            Target t = new TargetLauncher(events).launch(spec, dir);
            List<Source> sources = new ArrayList<>(List.of(new ProcessSource(t.pid())));
            if (t.metrics() != null) {
                PrometheusSource scrape = new PrometheusSource(t.metrics(), PrometheusSource.timeoutFor(INTERVAL));
                sources.add(scrape);
                String fault = scrape.awaitFirstScrape(spec.readyTimeout());
                if (fault != null) {
                    scrape.close();
                    t.close();
                    throw new TargetFault(fault, dir);
                }
            }
            SeriesSampler s = new SeriesSampler(sources);
            deathReported = false;
            s.addListener(this::onFrame);
            target = t;
            series = s;
            s.start(INTERVAL);
            String text = "pid " + t.pid() + " listens on " + t.url() + (t.metrics() == null ? "" : " · scraping " + t.metrics());
            ui.execute(() -> {
                busy.set(false);
                running.set(true);
                statusError.set(false);
                status.set(text);
            });
        } catch (TargetFault | IOException | IllegalArgumentException e) {
            events.emit(EventKind.ERROR, e.getMessage());
            ui.execute(() -> {
                busy.set(false);
                fail(e.getMessage());
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onFrame(Frame f) {
        Target t = target;
        String fault = t == null ? null : t.fault();
        if (fault == null && series != null) {
            fault = series.fault();
        }
        List<String> columns = scrapedColumns();
        synchronized (frames) {
            if (fault == null || !Double.isNaN(f.value(ProcessSource.RSS.column()))) {
                frames.addLast(f);
                while (frames.size() > KEEP) {
                    frames.removeFirst();
                }
            }
        }
        boolean died = fault != null && !deathReported;
        if (died) {
            deathReported = true;
            SeriesSampler s = series;
            target = null;
            series = null;
            String seen = fault;
            background.submit(() -> reportDeath(t, s, seen));
        }
        ui.execute(() -> {
            framesSeen.set(framesSeen.get() + 1);
            if (!columns.equals(scraped)) {
                scraped.setAll(columns);
                if (chosenSeries.get() == null || !columns.contains(chosenSeries.get())) {
                    chosenSeries.set(preferred(columns));
                }
            }
        });
    }

    /**
     * The target died (or a source failed for good): one {@code WARNING} event naming the cause, sampling stopped,
     * the status an error. The process source may see {@code /proc/PID} vanish before the launcher has the exit
     * code, so a launched target's own cause ({@code exited with code 7 (last output: …)}) is awaited briefly.
     */
    private void reportDeath(Target t, SeriesSampler s, String seen) {
        try {
            for (int i = 0; i < 40 && t != null && t.launched() && t.fault() == null; i++) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String message = t != null && t.fault() != null ? t.fault() : seen;
        events.emit(EventKind.WARNING, message);
        if (s != null) {
            s.close();
        }
        if (t != null) {
            t.close();
        }
        ui.execute(() -> {
            running.set(false);
            fail(message);
        });
    }

    /** The series shown first: an input records counter if there is one (what a log pipeline is fed), else the first. */
    static String preferred(List<String> columns) {
        for (String hint : List.of("input_records_total", "records_total")) {
            for (String c : columns) {
                if (c.contains(hint)) {
                    return c;
                }
            }
        }
        return columns.isEmpty() ? null : columns.get(0);
    }

    private List<String> scrapedColumns() {
        SeriesSampler s = series;
        if (s == null) {
            return List.of();
        }
        return s.registry().series().stream()
                .filter(x -> !x.column().startsWith("target_"))
                .map(Series::column)
                .toList();
    }

    /** Stops sampling and a launched target (SIGTERM, SIGKILL after the grace); an attached one is left running. */
    public void stop() {
        Target t = target;
        SeriesSampler s = series;
        if (t == null) {
            return;
        }
        target = null;
        series = null;
        busy.set(true);
        status.set("stopping pid " + t.pid() + " …");
        background.submit(() -> {
            s.close();
            t.close();
            ui.execute(() -> {
                busy.set(false);
                running.set(false);
                statusError.set(false);
                status.set("stopped pid " + t.pid());
            });
        });
    }

    /** Window closing: stop on the calling thread. */
    public void stopNow() {
        Target t = target;
        SeriesSampler s = series;
        target = null;
        series = null;
        if (s != null) {
            s.close();
        }
        if (t != null) {
            t.close();
        }
    }

    private void fail(String message) {
        statusError.set(true);
        status.set(message);
    }

    /** The running target's URL (bursts go there by default), or {@code fallback} with the embedded collector. */
    public String urlOr(String fallback) {
        Target t = target;
        return t == null ? fallback : t.url().toString();
    }

    /** The running target's sampler (a recorded run records its series), or {@code null}. */
    public SeriesSampler series() {
        return series;
    }

    /** {@code run.json}'s {@code target} for a run recorded now. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        Target t = target;
        if (t == null) {
            m.put("kind", "embedded");
            return m;
        }
        m.put("kind", t.launched() ? "command" : "pid");
        m.put("pid", t.pid());
        m.put("resolved_command", t.command());
        m.put("resolved_url", t.url().toString());
        m.put("resolved_metrics", t.metrics() == null ? null : t.metrics().toString());
        return m;
    }

    /** A copy of the kept frames, oldest first. */
    public List<Frame> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    public StringProperty commandProperty() {
        return command;
    }

    public StringProperty pidProperty() {
        return pid;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty metricsProperty() {
        return metrics;
    }

    public StringProperty chosenSeriesProperty() {
        return chosenSeries;
    }

    public ObservableList<String> scrapedSeries() {
        return scraped;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty statusErrorProperty() {
        return statusError.getReadOnlyProperty();
    }

    /** Counts the frames taken (the Live view redraws when it changes). */
    public ReadOnlyLongProperty framesSeenProperty() {
        return framesSeen.getReadOnlyProperty();
    }
}
