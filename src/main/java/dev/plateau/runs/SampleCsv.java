package dev.plateau.runs;

import dev.plateau.telemetry.Sample;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code samples.csv}: one {@link Sample} per row, RFC 4180, header {@link Sample#COLUMNS} (names carry their
 * unit). Integers are written exactly, {@code elapsed_s} with millisecond precision, booleans as 0/1. The
 * per-connection lists are not part of the file. Reading checks the header and names the file, row and column
 * of anything it cannot parse.
 *
 * <pre>{@code
 * SampleCsv.write(dir.resolve("samples.csv"), samples);
 * try (SampleCsv.Appender out = SampleCsv.append(path)) { out.append(sample); out.flush(); }
 * List<Sample> back = SampleCsv.read(path);
 * }</pre>
 */
public final class SampleCsv {
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private SampleCsv() {
    }

    /** Writes {@code samples} with a header, replacing the file. */
    public static void write(Path file, List<Sample> samples) throws IOException {
        try (Appender out = append(file)) {
            for (Sample s : samples) {
                out.append(s);
            }
        }
    }

    /** Opens {@code file} for incremental writing (truncates it and writes the header at once). */
    public static Appender append(Path file) throws IOException {
        return new Appender(file, Long.MIN_VALUE);
    }

    /**
     * Like {@link #append(Path)}, but {@code elapsed_s} is written relative to {@code originEpochMillis} (a
     * recording that starts after the sampler counts from its own start).
     */
    public static Appender append(Path file, long originEpochMillis) throws IOException {
        return new Appender(file, originEpochMillis);
    }

    /**
     * Reads every complete row of {@code file} (samples without connections); a row cut by a crash or a full disk
     * is dropped ({@link CompleteRows}), a file cut inside its header has no rows.
     */
    public static List<Sample> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing file " + file);
        }
        String text = CompleteRows.read(file);
        return text.isEmpty() ? List.of() : read(new StringReader(text), file.toString());
    }

    static List<Sample> read(Reader in, String name) throws IOException {
        CSVFormat format = FORMAT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<Sample> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames();
            for (String column : Sample.COLUMNS) {
                if (!header.contains(column)) {
                    throw new IOException(name + ": corrupt header, column '" + column + "' is missing");
                }
            }
            for (CSVRecord r : parser) {
                out.add(parse(r, name));
            }
        } catch (UncheckedIOException e) {
            throw new IOException(name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (IllegalStateException e) {
            throw new IOException(name + ": corrupt CSV: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) { // commons-csv: an empty or repeated column name
            throw new IOException(name + ": corrupt header (a column name is empty or repeated)", e);
        }
        return out;
    }

    private static Sample parse(CSVRecord r, String name) throws IOException {
        if (!r.isConsistent()) {
            throw new IOException(name + ": row " + r.getRecordNumber() + " has " + r.size() + " fields, header has "
                    + Sample.COLUMNS.size() + " (truncated or corrupt file)");
        }
        long[] v = new long[Sample.COLUMNS.size()];
        double elapsed = 0;
        for (int i = 0; i < v.length; i++) {
            String column = Sample.COLUMNS.get(i);
            String text = r.get(column);
            try {
                if (i == 1) {
                    elapsed = Double.parseDouble(text);
                } else {
                    v[i] = Long.parseLong(text);
                }
            } catch (NumberFormatException e) {
                throw new IOException(name + ": row " + r.getRecordNumber() + ", column " + column + ": '" + text
                        + "' is not a number");
            }
        }
        return new Sample(v[0], elapsed, v[2], v[3], v[4], v[5], (int) v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                v[13], v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22], v[23], v[24] != 0, v[25] != 0,
                v[26], v[27], List.of());
    }

    /** The row of one sample, as written. */
    static List<String> row(Sample s, long origin) {
        double elapsed = origin == Long.MIN_VALUE ? s.elapsedS() : (s.epochMillis() - origin) / 1000.0;
        // From the accessors, not values(): a double holds integers exactly only up to 2^53.
        long[] v = {
            s.epochMillis(), 0, s.rssBytes(), s.heapUsedBytes(), s.heapCommittedBytes(), s.directUsedBytes(),
            s.connOpen(), s.connBufferBytes(), s.connBufferMaxBytes(), s.connBufferHwmBytes(),
            s.encoderRetainedBytes(), s.encoderAllocationsTotal(), s.encoderAllocatedBytesTotal(),
            s.requestsTotal(), s.requests2xx(), s.requests4xx(), s.requests5xx(),
            s.recordsInTotal(), s.recordsOutTotal(), s.recordsDroppedTotal(), s.bytesInTotal(), s.queueBytes(),
            s.gcCount(), s.gcTimeMs(), s.shrink() ? 1 : 0, s.reinit() ? 1 : 0, s.idleTimeoutMs(), s.watchedRssBytes()
        };
        List<String> row = new ArrayList<>(v.length);
        for (int i = 0; i < v.length; i++) {
            row.add(i == 1 ? String.format(Locale.ROOT, "%.3f", elapsed) : Long.toString(v[i]));
        }
        return row;
    }

    /**
     * Incremental writer: each {@link #append} is one row, handed to the operating system at once ({@link RowWriter});
     * after a failed write every later append fails with the first error.
     */
    public static final class Appender implements AutoCloseable {
        private final RowWriter out;
        private final long origin;
        private long rows;

        private Appender(Path file, long origin) throws IOException {
            this.origin = origin;
            out = RowWriter.create(file);
            out.row(Sample.COLUMNS);
        }

        public synchronized void append(Sample s) throws IOException {
            out.row(row(s, origin));
            rows++;
        }

        /** Nothing to do: rows are written as they are appended (kept for callers that flush). */
        public synchronized void flush() {
        }

        public synchronized long rows() {
            return rows;
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }
}
