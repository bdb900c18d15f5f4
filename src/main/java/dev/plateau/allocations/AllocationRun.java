package dev.plateau.allocations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plateau.runs.Trend;
import dev.plateau.runs.TrendResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A run folder with heaptrack data, as {@link HeaptrackProfile#finish} left it: {@code allocations.json} (target,
 * times, totals, heap vs RSS at the end and their slopes), {@code heaptrack.txt} (heaptrack_print's stacks, read
 * again on every load so the wrapper list can change), {@code heap.csv} (live heap and RSS over time), and the raw
 * {@code heaptrack.*.zst} that heaptrack's own GUI opens.
 *
 * <pre>{@code
 * AllocationRun run = AllocationRun.load(Path.of("runs/fb-stock"));
 * List<AllocationSite> top = run.top(At.END, 10, Wrappers.DEFAULT);
 * String why = run.namesNote(top);          // "" when every site has a name
 * }</pre>
 *
 * @param dir      the run folder
 * @param meta     {@code allocations.json}
 * @param report   the parsed {@code heaptrack.txt}
 * @param timeline {@code heap.csv}
 */
public record AllocationRun(Path dir, JsonNode meta, HeaptrackReport report, HeapTimeline timeline) {
    public static final String META = "allocations.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Loads a run folder; {@link IOException} naming the missing or corrupt file. */
    public static AllocationRun load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no run directory " + dir);
        }
        Path meta = dir.resolve(META);
        if (!Files.isRegularFile(meta)) {
            throw new IOException("no allocation data in " + dir + " (missing " + META
                    + "; record one with 'plateau allocations record')");
        }
        JsonNode node;
        try {
            node = JSON.readTree(meta.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("corrupt file " + meta + ": " + e.getOriginalMessage(), e);
        }
        Path report = dir.resolve(HeaptrackProfile.REPORT);
        if (!Files.isRegularFile(report)) {
            throw new IOException("missing file " + report);
        }
        Path heap = dir.resolve(HeapTimeline.FILE);
        HeapTimeline timeline = Files.isRegularFile(heap) ? HeapTimeline.read(heap) : new HeapTimeline(List.of());
        return new AllocationRun(dir, node, HeaptrackReport.read(report), timeline);
    }

    /** The run's name: its label, else the folder name. */
    public String label() {
        return meta.path("label").asText(dir.getFileName().toString());
    }

    public List<AllocationSite> sites(Wrappers wrappers) {
        return new SiteFolder(wrappers).fold(report);
    }

    public List<AllocationSite> top(At at, int n, Wrappers wrappers) {
        return new SiteFolder(wrappers).top(report, at, n);
    }

    /**
     * Why names are missing, or {@code ""}: a JVM (heaptrack sees only the JVM's own mallocs, JIT code has no
     * symbols) or a module without a symbol table (a stripped or static binary).
     */
    public String namesNote(List<AllocationSite> sites) {
        long total = sites.stream().mapToLong(s -> s.heldBytes() + s.peakBytes()).sum();
        long unnamed = sites.stream().filter(AllocationSite::unnamed).mapToLong(s -> s.heldBytes() + s.peakBytes()).sum();
        boolean jvm = report.debuggee().matches("(.*/)?java(\\s.*)?") || sites.stream()
                .anyMatch(s -> s.module().endsWith("libjvm.so"));
        if (jvm) {
            return "the target is a JVM: heaptrack sees the JVM's native allocations (malloc), not Java objects, and "
                    + "JIT-compiled code has no symbols, so its frames are addresses";
        }
        if (total > 0 && unnamed * 2 > total) {
            String module = sites.stream().filter(AllocationSite::unnamed).map(AllocationSite::module)
                    .filter(m -> !m.isEmpty() && !m.equals("??")).findFirst().orElse("the target");
            return "names are missing: " + module + " has no symbol table (a stripped or static binary), so "
                    + "heaptrack shows addresses; build it with -g and without -s, or install its debug symbols";
        }
        return "";
    }

    /** Writes {@code allocations.json}: target, times, totals from the report, heap vs RSS at the end, slopes. */
    static void writeMeta(Path dir, HeaptrackProfile.Target target, String rawFile, HeaptrackReport report,
                          HeapTimeline timeline) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("label", dir.getFileName().toString());
        m.putPOJO("command", target.command());
        m.put("target_pid", target.pid());
        m.put("target_started_at", Instant.ofEpochMilli(target.targetStartMs()).toString());
        m.put("run_started_at", Instant.ofEpochMilli(target.runStartMs()).toString());
        m.put("killed_at", Instant.ofEpochMilli(target.killedMs()).toString());
        m.put("heaptrack_file", rawFile);
        m.put("data_runtime_s", report.runtimeS());
        m.put("data_ends_before_kill_s",
                (target.killedMs() - target.targetStartMs()) / 1000.0 - report.runtimeS());
        m.put("leaked_bytes", report.leakedBytes());
        m.put("peak_heap_bytes", report.peakHeapBytes());
        m.put("peak_rss_with_heaptrack_bytes", report.peakRssBytes());
        m.put("allocation_calls", report.totalCalls());
        HeapTimeline.Row last = timeline.lastComplete();
        if (last != null) {
            m.put("end_rss_bytes", last.rssBytes());
            m.put("end_heap_live_bytes", last.heapBytes());
            m.put("end_allocator_kept_bytes", last.keptBytes());
        }
        m.put("peak_rss_bytes", timeline.peakRss());
        m.put("peak_heap_live_bytes", timeline.peakHeap());
        putTrend(m, "heap", timeline, HeapTimeline.Row::heapBytes);
        putTrend(m, "rss", timeline, HeapTimeline.Row::rssBytes);
        JSON.writeValue(dir.resolve(META).toFile(), m);
    }

    private static void putTrend(ObjectNode m, String name, HeapTimeline t,
                                 java.util.function.ToDoubleFunction<HeapTimeline.Row> value) {
        List<HeapTimeline.Row> rows = t.rows().stream().filter(r -> !Double.isNaN(value.applyAsDouble(r))).toList();
        double[] x = rows.stream().mapToDouble(HeapTimeline.Row::elapsedS).toArray();
        double[] y = rows.stream().mapToDouble(value).toArray();
        TrendResult r = new Trend().fitElapsed(x, y);
        m.put(name + "_slope_bytes_per_s", Double.isNaN(r.slope()) ? null : r.slope());
        m.put(name + "_verdict", r.verdict().label());
    }

    /** Adds fields to {@code allocations.json} (e.g. the load's report), keeping the others. */
    public static void putMeta(Path dir, String key, Object value) throws IOException {
        ObjectNode m = (ObjectNode) JSON.readTree(dir.resolve(META).toFile());
        m.set(key, JSON.valueToTree(value));
        JSON.writeValue(dir.resolve(META).toFile(), m);
    }
}
