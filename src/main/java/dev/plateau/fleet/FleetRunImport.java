package dev.plateau.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plateau.runs.SampleCsv;
import dev.plateau.series.Frame;
import dev.plateau.series.Series;
import dev.plateau.series.SeriesRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one adapter from a judged fleet instance to a recorded run, so Compare lays fleet instances over local
 * runs: {@code <root>/<yyyyMMdd-HHmmss>-fleet-<labels>/} with today's {@code samples.csv}, {@code events.csv} and
 * {@code run.json} ({@code source: prometheus}, the series' labels, the queries, the verdict).
 *
 * <p>Two named series, declared in {@code run.json} like a recorded run's: the memory, as the gauge
 * {@code conn_buffer_bytes} when the memory expression is a connection-buffer metric, else {@code rss_bytes} (the
 * names local runs use, so Compare lays them over each other); cumulative work across restarts as the counters
 * {@code records_in_total} and {@code requests_total} (so runs align on it and are judged per record). Every segment
 * start after the first is an event.
 */
public final class FleetRunImport {
    private static final DateTimeFormatter DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final FleetSpec spec;
    private final boolean connectionBuffer;

    public FleetRunImport(Path root, FleetSpec spec) {
        this.root = root;
        this.spec = spec;
        this.connectionBuffer = spec.memory().contains("connection_buffer");
    }

    /** Writes one run; returns its directory. Unchecked on I/O failure (the caller's one line names it). */
    Path write(InstanceHistory h, InstanceResult r) {
        try {
            return writeRun(h, r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import " + r.name() + " under " + root + ": " + e.getMessage(), e);
        }
    }

    private Path writeRun(InstanceHistory h, InstanceResult r) throws IOException {
        long[] t = h.times();
        long start = t.length == 0 ? spec.end().toEpochMilli() : t[0];
        Files.createDirectories(root);
        String base = DIR_TIME.format(Instant.ofEpochMilli(start)) + "-fleet-" + r.labels().values().stream()
                .map(v -> v.replaceAll("[^A-Za-z0-9_.-]", "_")).reduce((a, b) -> a + "_" + b).orElse("instance");
        Path dir;
        synchronized (FleetRunImport.class) {
            dir = root.resolve(base);
            for (int i = 2; Files.exists(dir); i++) {
                dir = root.resolve(base + "-" + i);
            }
            Files.createDirectory(dir);
        }
        SeriesRegistry registry = new SeriesRegistry();
        String memoryColumn = connectionBuffer ? "conn_buffer_bytes" : "rss_bytes";
        registry.declare("prometheus", Series.gauge(memoryColumn, Series.BYTES));
        if (h.work() != null) {
            registry.declare("prometheus", Series.counter("records_in_total", Series.COUNT));
            registry.declare("prometheus", Series.counter("requests_total", Series.COUNT));
        }
        try (SampleCsv.Appender out = SampleCsv.append(dir.resolve("samples.csv"), registry.series(), start)) {
            for (int i = 0; i < t.length; i++) {
                Map<String, Double> values = new LinkedHashMap<>();
                values.put(memoryColumn, (double) Math.round(h.memory()[i]));
                if (h.work() != null) {
                    values.put("records_in_total", (double) (long) h.work()[i]);
                    values.put("requests_total", (double) (long) h.work()[i]);
                }
                out.append(new Frame(t[i], values));
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("events.csv"), StandardCharsets.UTF_8);
             CSVPrinter events = new CSVPrinter(w, CSVFormat.RFC4180)) {
            events.printRecord("epoch_ms", "elapsed_s", "kind", "message");
            List<Segment> segments = h.segments();
            for (int i = 1; i < segments.size(); i++) {
                Segment s = segments.get(i);
                events.printRecord(s.fromMillis(), String.format(Locale.ROOT, "%.3f", (s.fromMillis() - start) / 1000.0),
                        "RUN", s.cause() + ": segment " + (i + 1) + " of " + segments.size() + " starts");
            }
        }
        ObjectNode meta = JSON.createObjectNode();
        meta.put("label", "fleet " + r.name());
        meta.put("started_at", Instant.ofEpochMilli(start).toString());
        meta.put("ended_at", Instant.ofEpochMilli(t.length == 0 ? start : t[t.length - 1]).toString());
        meta.put("sample_count", t.length);
        meta.put("source", "prometheus");
        meta.set("labels", JSON.valueToTree(h.labels()));
        ObjectNode prom = meta.putObject("prometheus");
        prom.put("url", spec.prometheus().toString());
        prom.put("memory", spec.memory());
        prom.put("work", spec.work());
        prom.put("step_s", spec.plan().step().toMillis() / 1000.0);
        prom.put("memory_column", memoryColumn);
        ObjectNode summary = meta.putObject("summary");
        summary.put("verdict", r.verdict().label());
        summary.put("slope", r.slope());
        summary.put("unit", r.unit());
        summary.put("segments", r.segments().size());
        meta.set("series", JSON.valueToTree(registry.toJson()));
        JSON.writeValue(dir.resolve("run.json").toFile(), meta);
        return dir;
    }
}
