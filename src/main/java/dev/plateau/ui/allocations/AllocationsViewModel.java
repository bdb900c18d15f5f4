package dev.plateau.ui.allocations;

import dev.plateau.allocations.AllocationRun;
import dev.plateau.allocations.AllocationSite;
import dev.plateau.allocations.At;
import dev.plateau.allocations.FlameTree;
import dev.plateau.allocations.SiteTimeline;
import dev.plateau.allocations.Wrappers;
import dev.plateau.ui.common.BackgroundTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * State of the Allocations view: the run folders with heaptrack data under the runs root, two runs side by side
 * (A and B, e.g. stock and patched Fluent Bit), each with its site table, its held-memory icicle and its headline;
 * a site of A that B no longer holds is marked "gone in B". Runs load in the background.
 *
 * <pre>{@code
 * AllocationsViewModel vm = new AllocationsViewModel(Path.of("runs"), tasks);
 * vm.refreshRuns();
 * vm.a().open(vm.runs().get(0));
 * }</pre>
 */
public final class AllocationsViewModel {
    static final int TOP = 15;

    private final Path root;
    private final BackgroundTasks tasks;
    private final ObservableList<Path> runs = FXCollections.observableArrayList();
    private final ObjectProperty<At> at = new SimpleObjectProperty<>(this, "at", At.END);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final Side a = new Side("A");
    private final Side b = new Side("B");

    public AllocationsViewModel(Path runsRoot, BackgroundTasks tasks) {
        this.root = Objects.requireNonNull(runsRoot, "runsRoot");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        at.addListener((obs, o, n) -> recompute());
    }

    /** One side of the comparison. */
    public final class Side {
        private final String name;
        private final ReadOnlyObjectWrapper<AllocationRun> run = new ReadOnlyObjectWrapper<>(this, "run");
        private final ObservableList<SiteRow> rows = FXCollections.observableArrayList();
        private final ReadOnlyObjectWrapper<FlameTree.Node> flame = new ReadOnlyObjectWrapper<>(this, "flame");
        private final ReadOnlyObjectWrapper<Curves> curves = new ReadOnlyObjectWrapper<>(this, "curves", Curves.EMPTY);
        private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "no run");
        private final ReadOnlyStringWrapper stack = new ReadOnlyStringWrapper(this, "stack", "");
        private final ReadOnlyStringWrapper selectedFunction = new ReadOnlyStringWrapper(this, "selectedFunction", "");

        private final ObjectProperty<Path> dir = new SimpleObjectProperty<>(this, "dir");
        private volatile Curves loadedCurves = Curves.EMPTY;

        private Side(String name) {
            this.name = name;
            dir.addListener((obs, o, d) -> {
                if (d != null) {
                    open(d);
                }
            });
        }

        /** The run folder shown on this side: setting it opens the run. */
        public ObjectProperty<Path> dirProperty() {
            return dir;
        }

        /** Loads a run folder in the background; a failure shows in {@link #statusProperty()}. */
        public Task<AllocationRun> open(Path dir) {
            Task<AllocationRun> t = new Task<>() {
                @Override
                protected AllocationRun call() throws IOException {
                    AllocationRun r = AllocationRun.load(dir);
                    List<AllocationSite> top = r.top(At.END, 1, Wrappers.DEFAULT);
                    var series = SiteTimeline.read(dir.resolve(SiteTimeline.FILE));
                    String key = top.isEmpty() ? "" : top.get(0).key();
                    loadedCurves = Curves.of(r.timeline(), top.isEmpty() ? "" : top.get(0).function(),
                            series.getOrDefault(key, List.of()));
                    return r;
                }
            };
            t.setOnSucceeded(e -> {
                curves.set(loadedCurves);
                run.set(t.getValue());
                status.set("");
                recompute();
            });
            t.setOnFailed(e -> status.set(name + ": " + t.getException().getMessage()));
            return tasks.submit(t);
        }

        public void select(SiteRow row) {
            stack.set(row == null ? "" : row.stackText());
            selectedFunction.set(row == null ? "" : row.function());
        }

        public ReadOnlyObjectProperty<AllocationRun> runProperty() {
            return run.getReadOnlyProperty();
        }

        public ObservableList<SiteRow> rows() {
            return rows;
        }

        public ReadOnlyObjectProperty<FlameTree.Node> flameProperty() {
            return flame.getReadOnlyProperty();
        }

        /** RSS, live heap and the top held site over the run's time. */
        public ReadOnlyObjectProperty<Curves> curvesProperty() {
            return curves.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty headlineProperty() {
            return headline.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty stackProperty() {
            return stack.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty selectedFunctionProperty() {
            return selectedFunction.getReadOnlyProperty();
        }
    }

    /** A target's allocation sites were just summarised into {@code dir}: list it and open it on side A. */
    public void showSummarised(Path dir) {
        refreshRuns();
        if (dir != null && runs.contains(dir)) {
            a.dir.set(dir);
        }
    }

    /** Shows run folders on A and B (null clears that side's choice), listing any the runs root does not hold. */
    public void show(Path dirA, Path dirB) {
        list(dirA);
        list(dirB);
        a.dir.set(dirA);
        b.dir.set(dirB);
    }

    /** A folder opened by hand: listed, and shown on A while A shows no run, else on B. */
    public void openFolder(Path dir) {
        list(dir);
        (a.dir.get() == null ? a : b).dir.set(dir);
    }

    private void list(Path dir) {
        if (dir != null && !runs.contains(dir)) {
            runs.add(dir);
        }
    }

    /** Lists the folders under the runs root that hold {@code allocations.json}, newest name last. */
    public void refreshRuns() {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> dirs = Files.list(root)) {
                dirs.filter(d -> Files.isRegularFile(d.resolve(AllocationRun.META))).sorted().forEach(found::add);
            } catch (IOException e) {
                status.set("cannot list " + root + ": " + e.getMessage());
            }
        }
        runs.setAll(found);
    }

    private void recompute() {
        Map<String, AllocationSite> byA = index(a.run.get());
        Map<String, AllocationSite> byB = index(b.run.get());
        fill(a, byB, b.run.get() != null, true);
        fill(b, byA, a.run.get() != null, false);
    }

    private void fill(Side side, Map<String, AllocationSite> other, boolean hasOther, boolean isA) {
        AllocationRun r = side.run.get();
        if (r == null) {
            return;
        }
        List<SiteRow> out = new ArrayList<>();
        List<AllocationSite> top = r.top(at.get(), TOP, Wrappers.DEFAULT);
        for (AllocationSite s : top) {
            long there = other.containsKey(s.key()) ? other.get(s.key()).bytes(at.get()) : 0;
            String note = !hasOther ? "" : isA ? (there == 0 ? "gone in B" : mb(there) + " in B")
                    : (there == 0 ? "new in B" : mb(there) + " in A");
            out.add(new SiteRow(s, note));
        }
        side.rows.setAll(out);
        side.flame.set(FlameTree.of(at.get() == At.END ? r.report().held() : r.report().peak()));
        var m = r.meta();
        String note = r.namesNote(top);
        side.headline.set(r.label() + ": " + (m.has("end_rss_bytes")
                ? "live heap " + mb(m.path("end_heap_live_bytes").asDouble()) + " of RSS "
                + mb(m.path("end_rss_bytes").asDouble()) + " at the end; " : "")
                + "still allocated when killed " + mb(r.report().leakedBytes())
                + ", heap peak " + mb(r.report().peakHeapBytes()) + (note.isEmpty() ? "" : " — " + note));
    }

    private Map<String, AllocationSite> index(AllocationRun r) {
        Map<String, AllocationSite> m = new HashMap<>();
        if (r != null) {
            r.sites(Wrappers.DEFAULT).forEach(s -> m.put(s.key(), s));
        }
        return m;
    }

    static String mb(double bytes) {
        return dev.plateau.allocations.ByteUnits.mb(bytes);
    }

    /** A site's call count with thousands separators: "1,234". */
    static String calls(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public Side a() {
        return a;
    }

    public Side b() {
        return b;
    }

    public ObservableList<Path> runs() {
        return runs;
    }

    public ObjectProperty<At> atProperty() {
        return at;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public Path root() {
        return root;
    }
}
