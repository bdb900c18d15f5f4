package dev.plateau.ui.fleet;

import dev.plateau.collector.Sizes;
import dev.plateau.fleet.Auth;
import dev.plateau.fleet.Fleet;
import dev.plateau.fleet.FleetException;
import dev.plateau.fleet.FleetReport;
import dev.plateau.fleet.FleetRunImport;
import dev.plateau.fleet.FleetSpec;
import dev.plateau.fleet.FleetThreshold;
import dev.plateau.fleet.InstanceResult;
import dev.plateau.fleet.Preset;
import dev.plateau.runs.Verdict;
import dev.plateau.ui.common.BackgroundTasks;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The Fleet tab's state: where Prometheus is ({@code $PLATEAU_PROMETHEUS}, else {@code http://127.0.0.1:9090}), a preset or one's own queries, the range; {@link #run()} judges the
 * fleet in a background task ({@link Fleet}) with progress, fills {@link #rows()} (largest slope first) and, when
 * asked, imports every instance as a run beside the local ones so Compare can overlay them. No scene-graph code.
 *
 * <pre>{@code
 * FleetViewModel vm = new FleetViewModel(tasks, Path.of("runs"));
 * vm.url().set("http://127.0.0.1:9090"); vm.preset().set(Preset.PLATEAU); vm.range().set("1h");
 * vm.run();                                  // rows() fill when done; error() holds a one-line failure
 * }</pre>
 *
 * <p>Over 300 lines because the table's and the overlay's texts, colours and sparkline points (about 60 lines at the
 * end) live here rather than in {@link FleetView}, so they are tested without a window.
 */
public final class FleetViewModel {
    /** The overlay draws at most this many of the selected instances. */
    static final int MAX_OVERLAY = 8;

    private final BackgroundTasks tasks;
    private final Path runsRoot;
    private final StringProperty url = new SimpleStringProperty(
            Objects.requireNonNullElse(System.getenv("PLATEAU_PROMETHEUS"), "http://127.0.0.1:9090"));
    private final ObjectProperty<Preset> preset = new SimpleObjectProperty<>();
    private final StringProperty memory = new SimpleStringProperty("");
    private final StringProperty work = new SimpleStringProperty("");
    private final StringProperty by = new SimpleStringProperty("");
    private final StringProperty range = new SimpleStringProperty("1h");
    private final StringProperty step = new SimpleStringProperty("auto");
    private final StringProperty threshold = new SimpleStringProperty("");
    private final BooleanProperty importRuns = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<InstanceResult> rows = FXCollections.observableArrayList();
    private FleetReport report;
    private Task<FleetReport> pending;
    private boolean applyingPreset;

    public FleetViewModel(BackgroundTasks tasks, Path runsRoot) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.runsRoot = Objects.requireNonNull(runsRoot, "runsRoot");
        preset.addListener((obs, old, p) -> {
            if (p != null) {
                applyingPreset = true;
                memory.set(p.memory());
                work.set(p.work());
                by.set(String.join(",", p.by()));
                applyingPreset = false;
            }
        });
        preset.set(Preset.PLATEAU);
        javafx.beans.value.ChangeListener<String> ownQueries = (obs, old, now) -> {
            Preset p = preset.get();
            if (!applyingPreset && p != null && !(p.memory().equals(memory.get()) && p.work().equals(work.get())
                    && String.join(",", p.by()).equals(by.get()))) {
                preset.set(null);
            }
        };
        memory.addListener(ownQueries);
        work.addListener(ownQueries);
        by.addListener(ownQueries);
    }

    /** The spec the fields describe; {@link IllegalArgumentException} naming the field that is wrong. */
    FleetSpec spec() {
        URI prometheus;
        try {
            prometheus = URI.create(url.get().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("URL: '" + url.get() + "' is not a URL");
        }
        Duration r = Sizes.parseDuration(range.get());
        Duration s = step.get().isBlank() || step.get().strip().equals("auto") ? null : Sizes.parseDuration(step.get());
        List<String> labels = Arrays.stream(by.get().split(",")).map(String::strip).filter(l -> !l.isEmpty()).toList();
        return new FleetSpec(prometheus, Auth.none(), memory.get(), work.get(), labels, r, null, s,
                FleetThreshold.trend(threshold.get()), null, FleetSpec.DEFAULT_CONCURRENCY);
    }

    /** Judges the fleet in the background; a second call while one runs is ignored. */
    public Task<FleetReport> run() {
        if (running.get()) {
            return pending;
        }
        FleetSpec spec;
        try {
            spec = spec();
            spec.plan();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return null;
        }
        FleetRunImport importer = importRuns.get() ? new FleetRunImport(runsRoot, spec) : null;
        Task<FleetReport> task = new Task<>() {
            @Override
            protected FleetReport call() throws FleetException {
                return new Fleet(spec).run((phase, done, total) -> {
                    double part = total == 0 ? 1 : (double) done / total;
                    updateProgress(phase.equals("query") ? part / 2 : 0.5 + part / 2, 1);
                    updateMessage(phase + " " + done + "/" + total);
                }, importer);
            }
        };
        progress.bind(task.progressProperty());
        status.bind(task.messageProperty());
        running.set(true);
        error.set("");
        task.setOnSucceeded(e -> finish(task, null));
        task.setOnFailed(e -> finish(task, task.getException()));
        task.setOnCancelled(e -> finish(task, null));
        pending = task;
        return tasks.submit(task);
    }

    private void finish(Task<FleetReport> task, Throwable failure) {
        progress.unbind();
        status.unbind();
        pending = null;
        if (failure != null) {
            error.set(failure instanceof FleetException ? failure.getMessage() : String.valueOf(failure));
            status.set("");
        } else if (task.getValue() != null) {
            report = task.getValue();
            rows.setAll(report.results());
            status.set(report.summary() + (importRuns.get() ? "; imported as runs under " + runsRoot : ""));
        } else {
            status.set("cancelled");
        }
        running.set(false);   // last: "not running" means the rows and the status are final
    }

    public void cancel() {
        if (pending != null) {
            pending.cancel(true);
        }
    }

    /** Writes the last report's CSV in the background; the status says where. */
    public Task<Path> exportCsv(Path file) {
        FleetReport r = report;
        if (r == null) {
            error.set("nothing to export yet: run the fleet first");
            return null;
        }
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                r.writeCsv(file);
                return file;
            }
        };
        task.setOnSucceeded(e -> status.set("wrote " + file));
        task.setOnFailed(e -> error.set("cannot write " + file + ": " + task.getException().getMessage()));
        return tasks.submit(task);
    }

    public StringProperty url() {
        return url;
    }

    public ObjectProperty<Preset> preset() {
        return preset;
    }

    public StringProperty memory() {
        return memory;
    }

    public StringProperty work() {
        return work;
    }

    public StringProperty by() {
        return by;
    }

    public StringProperty range() {
        return range;
    }

    public StringProperty step() {
        return step;
    }

    public StringProperty threshold() {
        return threshold;
    }

    public BooleanProperty importRuns() {
        return importRuns;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ObservableList<InstanceResult> rows() {
        return rows;
    }

    /** The last report (null before the first run). */
    public FleetReport report() {
        return report;
    }

    /** The selected instances the overlay draws: the first {@link #MAX_OVERLAY}. */
    static List<InstanceResult> overlaid(List<InstanceResult> selected) {
        List<InstanceResult> all = List.copyOf(selected);
        return all.subList(0, Math.min(MAX_OVERLAY, all.size()));
    }

    /** An overlay line's legend: the instance and its verdict. */
    static String overlayName(InstanceResult r) {
        return r.name() + " — " + r.verdict().label();
    }

    /** The overlay's x axis: seconds when the slope is per second (no work expression), else records. */
    static String overlayAxis(String unit) {
        return unit.equals("B/s") ? "elapsed (s)" : "records since start";
    }

    /** The slope column's header, naming the rows' unit. */
    static String slopeHeader(String unit) {
        return "slope (" + unit + ")";
    }

    /** A slope cell: "-" when none was fitted. */
    static String slope(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.1f", v);
    }

    /** The verdict badge's colour: red growing, green plateau, grey too little data. */
    static String badgeColour(Verdict v) {
        return v == Verdict.GROWING ? "#d32f2f" : v == Verdict.PLATEAU ? "#2e7d32" : "#757575";
    }

    /** A sparkline's colour: red growing, green otherwise. */
    static String lineColour(Verdict v) {
        return v == Verdict.GROWING ? "#d32f2f" : "#2e7d32";
    }

    /** The verdict cell's style class, null for too little data. */
    static String verdictStyle(Verdict v) {
        return v == Verdict.PLATEAU ? "verdict-plateau" : v == Verdict.GROWING ? "verdict-growing" : null;
    }

    /** A sparkline's points x0, y0, x1, y1, … in a width × height box (y downwards); null under two points. */
    static double[] sparkline(double[] x, double[] y, double width, double height) {
        if (x.length < 2) {
            return null;
        }
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double v : y) {
            minY = Math.min(minY, v);
            maxY = Math.max(maxY, v);
        }
        double spanX = Math.max(1e-9, x[x.length - 1] - x[0]);
        double spanY = Math.max(1e-9, maxY - minY);
        double[] points = new double[2 * x.length];
        for (int i = 0; i < x.length; i++) {
            points[2 * i] = (x[i] - x[0]) / spanX * width;
            points[2 * i + 1] = height - (y[i] - minY) / spanY * height;
        }
        return points;
    }
}
