package dev.plateau.ui.target;

import dev.plateau.allocations.HeaptrackMissingException;
import dev.plateau.allocations.HeaptrackProfile;
import dev.plateau.allocations.HeaptrackTarget;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.series.Frame;
import dev.plateau.series.SeriesSampler;
import dev.plateau.series.Source;
import dev.plateau.targets.Target;
import dev.plateau.targets.TargetFault;
import dev.plateau.targets.TargetLauncher;
import dev.plateau.targets.TargetSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The console's Target choice ({@link TargetKind}): the embedded collector, a command Plateau launches ({@code {port}} and
 * {@code {metrics_port}} replaced by free ports, as {@code soak --target-command}), or a PID it attaches to. While a
 * target runs, a {@link SeriesSampler} reads its process ({@code target_rss_bytes} …) and, when a metrics URL is
 * given, its Prometheus endpoint every {@link #INTERVAL}; the last {@link #KEEP} frames feed the Live tab, and a run
 * recorded meanwhile records this sampler's series ({@link #series()}). A launched target's output lines are events
 * (the Log tab); its death is a {@code WARNING} event and a status change; {@link #stop()} stops it (SIGTERM, then
 * SIGKILL, through the launcher's {@link Target#close()}). With {@link #heaptrackProperty()} a launched command runs
 * under heaptrack and its allocation sites are summarised into the run recorded meanwhile when it is stopped. The
 * target itself, its sampler and its frames are a {@link TargetSession}; this class holds the fields and the status.
 *
 * <p>Over 300 lines because about 110 of them are the fifteen properties and accessors {@link TargetBar} and the
 * Live view bind; the target's own work is in {@link TargetSession}.
 *
 * <p>Blocking work (launch and readiness, stop) runs on {@code background}; property changes are posted to
 * {@code ui} (the FX thread in the console, the calling thread in tests).
 */
public final class TargetViewModel {
    public static final Duration INTERVAL = Duration.ofMillis(250);
    public static final int KEEP = 4 * 60 * 15;
    public static final String DEFAULT_URL = "http://127.0.0.1:{port}/";

    private final EventLog events;
    private final ExecutorService background;
    private final Executor ui;
    private final ObjectProperty<TargetKind> kind = new SimpleObjectProperty<>(this, "kind", TargetKind.EMBEDDED);
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
    private final BooleanProperty heaptrack = new SimpleBooleanProperty(this, "heaptrack");
    private final ReadOnlyObjectWrapper<Path> summarised = new ReadOnlyObjectWrapper<>(this, "summarised");
    private final List<Source> extraSources;
    private volatile Path profiledParent;
    private volatile TargetSession session;
    private volatile List<Frame> lastFrames = List.of();
    private volatile boolean deathReported;

    public TargetViewModel(EventLog events, ExecutorService background, Executor ui) {
        this(events, background, ui, List.of());
    }

    /** {@code extra}: sources sampled with every target besides its process and metrics (the console's load). */
    public TargetViewModel(EventLog events, ExecutorService background, Executor ui, List<Source> extra) {
        this.events = Objects.requireNonNull(events, "events");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.extraSources = List.copyOf(extra);
    }

    /** The spec of the fields, or an {@link IllegalArgumentException} with a one-line message. */
    public TargetSpec spec() {
        return kind.get().spec(command.get(), pid.get(), url.get(), metrics.get());
    }

    /** Launches or attaches in the background; the status says when it listens, or why not. */
    public void start() {
        if (running.get() || busy.get() || kind.get() == TargetKind.EMBEDDED) {
            return;
        }
        TargetSpec spec;
        TargetLauncher launcher = new TargetLauncher(events);
        boolean profiled = heaptrack.get() && kind.get() == TargetKind.COMMAND;
        try {
            spec = spec();
            if (profiled) {
                launcher.profile(new HeaptrackTarget(HeaptrackProfile.locate()));
            }
        } catch (IllegalArgumentException | HeaptrackMissingException e) {
            fail(e.getMessage());
            return;
        }
        busy.set(true);
        statusError.set(false);
        status.set(spec.launches() ? (profiled ? "launching under heaptrack …" : "launching …") : "attaching …");
        background.submit(() -> launch(spec, launcher, profiled));
    }

    private void launch(TargetSpec spec, TargetLauncher launcher, boolean profiled) {
        try {
            deathReported = false;
            TargetSession s = TargetSession.open(spec, launcher, profiled, profiled ? profiledParent : null, extraSources,
                    INTERVAL, KEEP, this::onFrame);
            session = s;
            Target t = s.target();
            String text = "pid " + t.pid() + " listens on " + t.url() + (t.metrics() == null ? "" : " · scraping " + t.metrics())
                    + (profiled ? " · under heaptrack" : "");
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
        TargetSession s = session;
        String fault = s == null ? null : s.fault();
        List<String> columns = s == null ? List.of() : s.scrapedColumns();
        if (fault != null && !deathReported) {
            deathReported = true;
            session = null;
            background.submit(() -> reportDeath(s, fault));
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

    /** The target died (or a source failed for good): one {@code WARNING} event naming the cause, the status an error. */
    private void reportDeath(TargetSession s, String seen) {
        String message = seen;
        try {
            message = s.died(seen);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lastFrames = s.frames();
        events.emit(EventKind.WARNING, message);
        String m = message;
        ui.execute(() -> {
            running.set(false);
            fail(m);
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

    /**
     * Stops sampling and a launched target (SIGTERM, SIGKILL after the grace); an attached one is left running. A
     * target under heaptrack is first ended by heaptrack with its connections open, and its allocation sites are
     * summarised into the run recorded meanwhile (the Allocations tab opens it).
     */
    public void stop() {
        TargetSession s = session;
        if (s == null) {
            return;
        }
        session = null;
        long pid = s.target().pid();
        busy.set(true);
        status.set(s.profiled() ? "heaptrack: writing the allocation sites of pid " + pid + " …" : "stopping pid " + pid + " …");
        background.submit(() -> {
            Path into = s.stop(events);
            lastFrames = s.frames();
            ui.execute(() -> {
                busy.set(false);
                running.set(false);
                statusError.set(s.profiled() && into == null);
                status.set(into != null ? "stopped pid " + pid + " · allocation sites in " + into
                        : s.profiled() ? "stopped pid " + pid + " · heaptrack wrote no summary (see the Log tab)"
                        : "stopped pid " + pid);
                if (into != null) {
                    summarised.set(into);
                }
            });
        });
    }

    /** Window closing: stop on the calling thread (a profiled target is not summarised). */
    public void stopNow() {
        TargetSession s = session;
        session = null;
        if (s != null) {
            s.close();
        }
    }

    /** A run is being recorded into {@code dir} from this target's series: heaptrack's summary will go there. */
    public void recordingInto(Path dir) {
        TargetSession s = session;
        if (s != null) {
            s.recordedInto(dir);
        }
    }

    private void fail(String message) {
        statusError.set(true);
        status.set(message);
    }

    /** The running target's URL (bursts go there by default), or {@code fallback} with the embedded collector. */
    public String urlOr(String fallback) {
        TargetSession s = session;
        return s == null ? fallback : s.target().url().toString();
    }

    /** The running target's sampler (a recorded run records its series), or {@code null}. */
    public SeriesSampler series() {
        TargetSession s = session;
        return s == null ? null : s.sampler();
    }

    /** {@code run.json}'s {@code target} for a run recorded now. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        TargetSession s = session;
        if (s == null) {
            m.put("kind", "embedded");
            return m;
        }
        Target t = s.target();
        m.put("kind", t.launched() ? "command" : "pid");
        m.put("pid", t.pid());
        m.put("resolved_command", t.command());
        m.put("resolved_url", t.url().toString());
        m.put("resolved_metrics", t.metrics() == null ? null : t.metrics().toString());
        m.put("profile", s.profiled() ? "heaptrack" : null);
        return m;
    }

    /** A copy of the kept frames, oldest first (of the last target once it stopped). */
    public List<Frame> frames() {
        TargetSession s = session;
        return s == null ? lastFrames : s.frames();
    }

    /**
     * Where a target launched under heaptrack keeps its data until a run is recorded (the console's runs folder,
     * so that the Allocations tab lists it even without a recording); {@code null}: the temporary directory.
     */
    public TargetViewModel profiledParent(Path dir) {
        this.profiledParent = dir;
        return this;
    }

    public BooleanProperty heaptrackProperty() {
        return heaptrack;
    }

    /** The run folder a profiled target's allocation sites were last summarised into. */
    public ReadOnlyObjectProperty<Path> summarisedProperty() {
        return summarised.getReadOnlyProperty();
    }

    public ObjectProperty<TargetKind> kindProperty() {
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
