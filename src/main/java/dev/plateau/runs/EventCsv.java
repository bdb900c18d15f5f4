package dev.plateau.runs;

import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The one events file schema, RFC 4180 like {@link SampleCsv}: {@code epoch_ms, elapsed_s, kind, message}, used by
 * a run's {@code events.csv} and by the console's "Export CSV…". {@code elapsed_s} counts from an origin the
 * writer chooses (the run's start, the first exported sample) with millisecond precision.
 *
 * <pre>{@code
 * try (CSVPrinter out = EventCsv.create(file)) { EventCsv.print(out, event, startMillis); }
 * List<Event> back = EventCsv.read(file);
 * }</pre>
 */
public final class EventCsv {
    public static final List<String> COLUMNS = List.of("epoch_ms", "elapsed_s", "kind", "message");

    private EventCsv() {
    }

    /** Creates (truncates) {@code file} and writes the header. */
    public static CSVPrinter create(Path file) throws IOException {
        CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), SampleCsv.FORMAT);
        out.printRecord(COLUMNS);
        return out;
    }

    /** Writes one event; {@code elapsed_s} is counted from {@code originMillis}. */
    public static void print(CSVPrinter out, Event e, long originMillis) throws IOException {
        out.printRecord(e.epochMillis(), String.format(Locale.ROOT, "%.3f", (e.epochMillis() - originMillis) / 1000.0),
                e.kind().name(), e.message());
    }

    /** Reads every event of {@code file}, numbered from 1; names file and row of anything it cannot parse. */
    public static List<Event> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing file " + file);
        }
        CSVFormat format = SampleCsv.FORMAT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<Event> out = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            if (!parser.getHeaderNames().containsAll(COLUMNS)) {
                throw new IOException("corrupt file " + file + ": header must be " + COLUMNS);
            }
            for (CSVRecord r : parser) {
                try {
                    out.add(new Event(out.size() + 1, Long.parseLong(r.get("epoch_ms")),
                            EventKind.valueOf(r.get("kind")), r.get("message")));
                } catch (IllegalArgumentException e) {
                    throw new IOException("corrupt file " + file + ", row " + r.getRecordNumber() + ": " + e.getMessage());
                }
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException("corrupt file " + file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
