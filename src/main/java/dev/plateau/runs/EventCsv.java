package dev.plateau.runs;

import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The one events file schema, RFC 4180 like {@link SampleCsv}: {@code epoch_ms, elapsed_s, kind, message}, used by
 * a run's {@code events.csv} and by the console's "Export CSV…". {@code elapsed_s} counts from an origin the
 * writer chooses (the run's start, the first exported sample) with millisecond precision. Each event is written
 * whole and at once ({@link RowWriter}); reading keeps complete rows only ({@link CompleteRows}: a row cut by a
 * crash or a full disk is dropped).
 *
 * <pre>{@code
 * try (EventCsv.Writer out = EventCsv.create(file)) { out.print(event, startMillis); }
 * List<Event> back = EventCsv.read(file);
 * }</pre>
 */
public final class EventCsv {
    public static final List<String> COLUMNS = List.of("epoch_ms", "elapsed_s", "kind", "message");

    private EventCsv() {
    }

    /** Creates (truncates) {@code file} and writes the header. */
    public static Writer create(Path file) throws IOException {
        RowWriter out = RowWriter.create(file);
        try {
            out.row(COLUMNS);
        } catch (IOException e) {
            out.close();
            throw e;
        }
        return new Writer(out);
    }

    /** An open events file; after a failed write every later one fails with the first error. */
    public static final class Writer implements AutoCloseable {
        private final RowWriter out;

        private Writer(RowWriter out) {
            this.out = out;
        }

        /** Writes one event; {@code elapsed_s} is counted from {@code originMillis}. */
        public void print(Event e, long originMillis) throws IOException {
            out.row(List.of(e.epochMillis(), String.format(Locale.ROOT, "%.3f", (e.epochMillis() - originMillis) / 1000.0),
                    e.kind().name(), e.message()));
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /**
     * Reads every complete event of {@code file}, numbered from 1; names file and row of anything it cannot parse.
     */
    public static List<Event> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing file " + file);
        }
        CSVFormat format = SampleCsv.FORMAT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<Event> out = new ArrayList<>();
        String text = CompleteRows.read(file);
        if (text.isEmpty()) {
            return out;
        }
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
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
        } catch (IllegalArgumentException e) { // commons-csv: an empty or repeated column name
            throw new IOException("corrupt file " + file + ": header must be " + COLUMNS, e);
        } catch (org.apache.commons.csv.CSVException e) { // commons-csv reading the header: a quote never closed
            throw new IOException("corrupt file " + file + ": " + dev.plateau.events.Printable.of(e.getMessage()), e);
        }
        return out;
    }
}
