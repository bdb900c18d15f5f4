package dev.plateau.ui.compare;

import dev.plateau.runs.Alignment;
import dev.plateau.runs.Comparison;
import dev.plateau.runs.Run;
import dev.plateau.runs.RunInfo;
import dev.plateau.runs.RunStats;
import dev.plateau.runs.RunStore;
import dev.plateau.runs.Trend;
import dev.plateau.telemetry.Lttb;
import dev.plateau.ui.common.BackgroundTasks;
import dev.plateau.ui.common.Errors;
import dev.plateau.ui.common.Units;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The Compare tab: the recorded runs of the {@link RunStore}, the user's selection, a memory metric and an
 * alignment (elapsed time or requests). Any change recomputes a {@link Comparison} in a background Task (runs are
 * loaded from disk once and cached); the result is an overlay of downsampled lines and the stats table with each
 * run's verdict, oldest run first (so "before" keeps the first colour). {@link #exportCsv(Path)} writes the table and the aligned series.
 *
 * <pre>{@code
 * compare.reload();                                 // lists runs/ (newest first)
 * compare.selected().setAll(compare.runs().subList(0, 2));
 * compare.metricProperty().set("conn_buffer_bytes");
 * compare.statsProperty().get();                    // peak, final, slope B/req, verdict per run
 * }</pre>
 *
 * <p>Over 300 lines because the selection sync with the view's list (issue 14 moved it here from the controller, to
 * be tested without a window) and the CSV export sit beside the recomputation; about 45 lines are property getters.
 */
public final class CompareViewModel {
    /** Memory metrics worth overlaying, in {@code samples.csv} names. */
    public static final List<String> METRICS = List.of("conn_buffer_bytes", "conn_buffer_max_bytes",
            "conn_buffer_hwm_bytes", "encoder_retained_bytes", "rss_bytes", "heap_used_bytes", "heap_committed_bytes",
            "direct_used_bytes", "queue_bytes", "watched_rss_bytes", "target_rss_bytes", "target_anon_bytes");
    public static final int MAX_POINTS = 600;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /** One overlay line, labelled for the legend. */
    public record Overlay(String name, double[] x, double[] y) {
    }

    private final RunStore store;
    private final BackgroundTasks tasks;
    private final Trend trend;
    private final ObservableList<RunInfo> runs = FXCollections.observableArrayList();
    private final ObservableList<RunInfo> selected = FXCollections.observableArrayList();
    private final ObjectProperty<String> metric = new SimpleObjectProperty<>(this, "metric", "conn_buffer_bytes");
    private final ObjectProperty<Alignment> alignment = new SimpleObjectProperty<>(this, "alignment", Alignment.REQUESTS);
    private final ReadOnlyObjectWrapper<List<Overlay>> overlay = new ReadOnlyObjectWrapper<>(this, "overlay", List.of());
    private final ReadOnlyObjectWrapper<List<RunStats>> stats = new ReadOnlyObjectWrapper<>(this, "stats", List.of());
    private final ReadOnlyObjectWrapper<Comparison> comparison = new ReadOnlyObjectWrapper<>(this, "comparison");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageError = new ReadOnlyBooleanWrapper(this, "messageError");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final Map<Path, Run> cache = new ConcurrentHashMap<>();
    private Task<?> pending;

    public CompareViewModel(RunStore store, BackgroundTasks tasks, Trend trend) {
        this.store = Objects.requireNonNull(store, "store");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.trend = Objects.requireNonNull(trend, "trend");
        selected.addListener((ListChangeListener<RunInfo>) c -> recompute());
        metric.addListener((obs, o, n) -> recompute());
        alignment.addListener((obs, o, n) -> recompute());
    }

    /** Re-reads the run list from disk (keeps the selection of runs that still exist). */
    public Task<List<RunInfo>> reload() {
        return reloadAndSelect(null);
    }

    /** Re-reads the run list and adds a (newly recorded) run to the selection, so "before" and "after" overlay. */
    public Task<List<RunInfo>> reloadAndAdd(Path dir) {
        List<Path> keep = new ArrayList<>(selected.stream().map(RunInfo::dir).toList());
        keep.add(dir);
        return reloadAndSelect(keep);
    }

    /** Re-reads the run list and then selects exactly the runs in {@code dirs} (null keeps the selection). */
    public Task<List<RunInfo>> reloadAndSelect(Collection<Path> dirs) {
        Task<List<RunInfo>> task = new Task<>() {
            @Override
            protected List<RunInfo> call() throws Exception {
                return store.list();
            }
        };
        task.setOnSucceeded(e -> {
            List<Path> keep = dirs != null ? List.copyOf(dirs) : selected.stream().map(RunInfo::dir).toList();
            runs.setAll(task.getValue());
            List<RunInfo> sel = new ArrayList<>();
            for (RunInfo r : runs) {
                if (keep.contains(r.dir())) {
                    sel.add(r);
                }
            }
            selected.setAll(sel);
            if (runs.isEmpty()) {
                info("no recorded runs in " + store.root().toAbsolutePath().normalize()
                        + " — record one with ● New run, or run the Before / After experiment");
            }
        });
        task.setOnFailed(e -> error("cannot list runs: " + Errors.message(task.getException())));
        return tasks.submit(task);
    }

    private void recompute() {
        if (pending != null) {
            pending.cancel(false);
        }
        List<RunInfo> chosen = selected.stream()
                .sorted(Comparator.comparing(RunInfo::startedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        if (chosen.isEmpty()) {
            overlay.set(List.of());
            stats.set(List.of());
            comparison.set(null);
            if (!runs.isEmpty()) {
                info("select one or more runs (Ctrl/Shift-click for several)");
            }
            return;
        }
        String m = metric.get();
        Alignment a = alignment.get();
        busy.set(true);
        Task<Comparison> task = new Task<>() {
            @Override
            protected Comparison call() throws Exception {
                List<Run> loaded = new ArrayList<>();
                for (RunInfo info : chosen) {
                    Run run = cache.get(info.dir());
                    if (run == null || !info.finished()) {
                        run = store.load(info.dir());
                        cache.put(info.dir(), run);
                    }
                    loaded.add(run);
                }
                return Comparison.of(loaded, m, a, trend);
            }
        };
        pending = task;
        task.setOnSucceeded(e -> {
            if (pending != task) {
                return;
            }
            busy.set(false);
            Comparison c = task.getValue();
            comparison.set(c);
            stats.set(c.stats());
            List<Overlay> lines = new ArrayList<>();
            for (int i = 0; i < c.series().size(); i++) {
                Comparison.Series s = c.series().get(i);
                if (!CompareCells.lacks(c.stats().get(i))) {
                    lines.add(downsample(displayName(chosen.get(i), chosen), s.x(), s.y()));
                }
            }
            overlay.set(lines);
            info(chosen.size() + " run(s), " + m + " by " + (a == Alignment.REQUESTS ? "requests" : "elapsed time"));
        });
        task.setOnFailed(e -> {
            if (pending == task) {
                busy.set(false);
                error(Errors.message(task.getException()));
            }
        });
        tasks.submit(task);
    }

    static Overlay downsample(String name, double[] x, double[] y) {
        Lttb.Points p = Lttb.downsample(x, y, 0, x.length, MAX_POINTS);
        return new Overlay(name, p.x(), p.y());
    }

    /** The run's label, with its start time when another selected run has the same label. */
    static String displayName(RunInfo run, List<RunInfo> among) {
        long same = among.stream().filter(r -> r.label().equals(run.label())).count();
        return same > 1 ? run.label() + " (" + WHEN.format(run.startedAt()) + ")" : run.label();
    }

    /**
     * Keeps a list view's selection and {@link #selected()} equal, both ways, without echo: {@code shown} is the
     * view's selected items, {@code show} replaces the view's selection.
     */
    public void followSelection(ObservableList<RunInfo> shown, Consumer<List<RunInfo>> show) {
        boolean[] syncing = new boolean[1];
        shown.addListener((ListChangeListener<RunInfo>) c -> {
            if (!syncing[0]) {
                syncing[0] = true;
                selected.setAll(new ArrayList<>(shown));
                syncing[0] = false;
            }
        });
        selected.addListener((ListChangeListener<RunInfo>) c -> {
            if (!syncing[0]) {
                syncing[0] = true;
                show.accept(List.copyOf(selected));
                syncing[0] = false;
            }
        });
    }

    /** The verdict column's header: the threshold a slope must exceed to be "growing". */
    public String verdictHeader() {
        return "verdict (" + trend.threshold().brief() + ")";
    }

    /** A list cell's text: label, start time, sample count. */
    public static String describe(RunInfo run) {
        return run.label() + "   " + WHEN.format(run.startedAt() == null ? Instant.EPOCH : run.startedAt()) + "   "
                + run.sampleCount() + " samples" + (run.finished() ? "" : "   (unfinished)");
    }

    /** Writes {@code compare-<metric>-<stamp>.csv} (the table) and {@code overlay-<metric>-<stamp>.csv} (the series). */
    public Task<List<Path>> exportCsv(Path dir) {
        Comparison c = comparison.get();
        if (c == null) {
            error("nothing to export: select runs first");
            return null;
        }
        String stamp = Units.fileStamp(Instant.now());
        Task<List<Path>> task = new Task<>() {
            @Override
            protected List<Path> call() throws Exception {
                Files.createDirectories(dir);
                Path table = dir.resolve("compare-" + c.metric() + "-" + stamp + ".csv");
                Path series = dir.resolve("overlay-" + c.metric() + "-" + stamp + ".csv");
                c.writeStatsCsv(table);
                c.writeSeriesCsv(series);
                return List.of(table, series);
            }
        };
        task.setOnSucceeded(e -> info("exported " + task.getValue().get(0).getFileName() + " and "
                + task.getValue().get(1).getFileName() + " to " + dir));
        task.setOnFailed(e -> error("export failed: " + Errors.message(task.getException())));
        return tasks.submit(task);
    }

    private void info(String text) {
        messageError.set(false);
        message.set(text);
    }

    private void error(String text) {
        messageError.set(true);
        message.set(text);
    }

    public ObservableList<RunInfo> runs() {
        return runs;
    }

    public ObservableList<RunInfo> selected() {
        return selected;
    }

    public ObjectProperty<String> metricProperty() {
        return metric;
    }

    public ObjectProperty<Alignment> alignmentProperty() {
        return alignment;
    }

    public ReadOnlyObjectProperty<List<Overlay>> overlayProperty() {
        return overlay.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<RunStats>> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Comparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageErrorProperty() {
        return messageError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public Path root() {
        return store.root();
    }
}
