package dev.plateau.ui.main;

import dev.plateau.collector.ConnectionSnapshot;
import dev.plateau.events.Event;
import dev.plateau.runs.EventCsv;
import dev.plateau.runs.SampleCsv;
import dev.plateau.telemetry.Sample;
import dev.plateau.ui.common.Units;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * "Export CSV…": writes what the console holds right now into a folder as three RFC 4180 files named with a
 * timestamp — {@code plateau-samples-20261127-104502.csv} (a run's {@link SampleCsv} schema),
 * {@code plateau-events-….csv} (a run's {@link EventCsv} schema, {@code elapsed_s} from the sampler's start) and
 * {@code plateau-connections-….csv} (the latest sample's connections).
 * No JavaFX; the console runs it in a Task and reports progress through {@code progress(done, total)}.
 *
 * <pre>{@code
 * List<Path> files = CsvSnapshot.write(dir, samples, events, Instant.now(), (done, total) -> {});
 * }</pre>
 */
public final class CsvSnapshot {
    public static final List<String> EVENT_COLUMNS = List.of("seq", "epoch_ms", "time", "kind", "message");
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());
    public static final List<String> CONNECTION_COLUMNS = List.of("id", "remote", "protocol", "opened_epoch_ms",
            "age_ms", "requests", "bytes_in", "buffer_bytes", "high_water_bytes", "shrinks", "idle_ms");

    private CsvSnapshot() {
    }

    public static List<Path> write(Path dir, List<Sample> samples, List<Event> events, Instant now,
                                   BiConsumer<Long, Long> progress) throws IOException {
        Files.createDirectories(dir);
        String stamp = Units.fileStamp(now);
        Sample latest = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        List<ConnectionSnapshot> conns = latest == null ? List.of() : latest.connections();
        long total = samples.size() + events.size() + conns.size();
        long[] done = {0};
        List<Path> files = new ArrayList<>();

        Path samplesFile = dir.resolve("plateau-samples-" + stamp + ".csv");
        SampleCsv.write(samplesFile, samples);
        done[0] += samples.size();
        progress.accept(done[0], total);
        files.add(samplesFile);

        Path eventsFile = dir.resolve("plateau-events-" + stamp + ".csv");
        long origin = samples.isEmpty() ? (events.isEmpty() ? now.toEpochMilli() : events.get(0).epochMillis())
                : samples.get(0).epochMillis() - Math.round(samples.get(0).elapsedS() * 1000);
        try (EventCsv.Writer out = EventCsv.create(eventsFile)) {
            for (Event e : events) {
                out.print(e, origin);
                step(progress, done, total);
            }
        }
        files.add(eventsFile);

        Path connsFile = dir.resolve("plateau-connections-" + stamp + ".csv");
        try (CSVPrinter out = printer(connsFile, CONNECTION_COLUMNS)) {
            long at = latest == null ? now.toEpochMilli() : latest.epochMillis();
            for (ConnectionSnapshot c : conns) {
                out.printRecord(c.id(), c.remote(), c.protocol(), c.openedAtMillis(), c.ageMillis(at), c.requests(),
                        c.bytesIn(), c.capacityBytes(), c.highWaterBytes(), c.shrinks(), c.idleMillis(at));
                step(progress, done, total);
            }
        }
        files.add(connsFile);
        progress.accept(total, total);
        return files;
    }

    private static void step(BiConsumer<Long, Long> progress, long[] done, long total) throws IOException {
        done[0]++;
        if (done[0] % 256 == 0) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("export cancelled");
            }
            progress.accept(done[0], total);
        }
    }

    private static CSVPrinter printer(Path file, List<String> header) throws IOException {
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
    }
}
