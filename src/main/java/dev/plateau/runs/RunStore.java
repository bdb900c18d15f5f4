package dev.plateau.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.series.Kind;
import dev.plateau.series.Series;
import dev.plateau.series.SeriesTable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runs under one directory ({@code runs/} by default), as written by {@link RunRecorder}.
 *
 * <pre>{@code
 * RunStore store = new RunStore(Path.of("runs"));
 * for (RunInfo info : store.list()) { ... }          // newest first
 * Run run = store.load(info.dir());                  // IOException naming the missing or corrupt file
 * }</pre>
 */
public final class RunStore {
    private final Path root;

    public RunStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Every directory under the root that holds a {@code run.json}, newest first; unreadable ones are skipped. */
    public List<RunInfo> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<RunInfo> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory).sorted()::iterator) {
                if (!Files.isRegularFile(d.resolve(RunFiles.META))) {
                    continue;
                }
                try {
                    JsonNode meta = settle(d, readMeta(d));
                    long count = meta.path("sample_count").isNumber() ? meta.get("sample_count").asLong() : countRows(d);
                    out.add(new RunInfo(d, label(meta, d), instant(meta, "started_at", d), count,
                            !meta.path("ended_at").isNull() && meta.has("ended_at")));
                } catch (IOException e) {
                    // a corrupt run does not hide the others; load() names the problem
                }
            }
        }
        out.sort(Comparator.comparing(RunInfo::startedAt).reversed().thenComparing(i -> i.dir().toString()));
        return out;
    }

    /** Loads a run; throws {@link IOException} naming the directory and the missing or corrupt file. */
    public Run load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no run directory " + dir);
        }
        JsonNode meta = settle(dir, readMeta(dir));
        SeriesTable table = SampleCsv.read(dir.resolve(RunFiles.SAMPLES), declaredSeries(meta));
        List<Event> events = readEvents(dir.resolve(RunFiles.EVENTS));
        Instant ended = meta.hasNonNull("ended_at") ? instant(meta, "ended_at", dir) : null;
        return new Run(dir, label(meta, dir), instant(meta, "started_at", dir), ended, meta, table, events);
    }

    /** {@code run.json}'s {@code series} by column (none in a 0.1 run: its columns are the embedded ones). */
    private static Map<String, Series> declaredSeries(JsonNode meta) {
        Map<String, Series> out = new HashMap<>();
        for (JsonNode s : meta.path("series")) {
            Map<String, String> labels = new TreeMap<>();
            s.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            try {
                Series series = new Series(s.path("name").asText(), labels, s.path("unit").asText(),
                        Kind.of(s.path("kind").asText()));
                out.put(s.path("column").asText(series.column()), series);
            } catch (IllegalArgumentException e) {
                // a hand-edited entry: the column is read with its name guessed from the header
            }
        }
        return out;
    }

    private static JsonNode readMeta(Path dir) throws IOException {
        Path file = dir.resolve(RunFiles.META);
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing file " + file + " (not a Plateau run directory)");
        }
        try {
            JsonNode node = RunFiles.JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new IOException("corrupt file " + file + ": not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IOException("corrupt file " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A run whose {@code run.json} still says {@code "status": "recording"} although the process that wrote it
     * (its pid and start time) is gone was killed or crashed: its status becomes {@code "interrupted"}, in the
     * returned tree and, when the directory is writable, in the file (replaced atomically).
     */
    private static JsonNode settle(Path dir, JsonNode meta) {
        if (!RunStatus.RECORDING.equals(meta.path("status").asText()) || RunStatus.writerAlive(meta)) {
            return meta;
        }
        ObjectNode marked = ((ObjectNode) meta).put("status", RunStatus.INTERRUPTED);
        try {
            Path tmp = dir.resolve(RunFiles.META + ".tmp");
            RunFiles.JSON.writeValue(tmp.toFile(), marked);
            Files.move(tmp, dir.resolve(RunFiles.META), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // read-only copy of a run: the loaded run still says interrupted
        }
        return marked;
    }

    private static String label(JsonNode meta, Path dir) {
        return meta.path("label").asText(dir.getFileName().toString());
    }

    private static Instant instant(JsonNode meta, String key, Path dir) throws IOException {
        try {
            return Instant.parse(meta.path(key).asText());
        } catch (DateTimeParseException e) {
            throw new IOException("corrupt file " + dir.resolve(RunFiles.META) + ": " + key + " is not a time");
        }
    }

    private static long countRows(Path dir) throws IOException {
        Path file = dir.resolve(RunFiles.SAMPLES);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        return Math.max(0, CompleteRows.read(file).lines().count() - 1);
    }

    static List<Event> readEvents(Path file) throws IOException {
        return EventCsv.read(file);
    }
}
