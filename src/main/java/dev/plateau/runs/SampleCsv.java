package dev.plateau.runs;

import dev.plateau.events.Printable;
import dev.plateau.series.EmbeddedSource;
import dev.plateau.series.Frame;
import dev.plateau.series.Kind;
import dev.plateau.series.PrometheusTextParser;
import dev.plateau.series.Series;
import dev.plateau.series.SeriesTable;
import dev.plateau.telemetry.Sample;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code samples.csv}: one wide RFC 4180 table, one row per sampling instant, header {@code epoch_ms, elapsed_s}
 * and then one column per series ({@link Series#column()}: the name, with Prometheus labels in braces, e.g.
 * {@code fluentbit_input_records_total{name="http.0"}} — quoted by CSV because of the comma and quotes). A cell is
 * empty when the series had no value then (its process gone, its endpoint not answering). Integral values are
 * written exactly (values are doubles, as in Prometheus: integers are exact up to 2^53), others with up to 6
 * decimals; {@code elapsed_s} with millisecond precision. Units and kinds are
 * in {@code run.json}'s {@code series}; a 0.1 file (the 28 embedded-collector columns) reads the same way.
 * Reading names the file, row and column of anything it cannot parse; rows are read in {@link #parseRow} only, and
 * only complete ones ({@link CompleteRows}): a row cut by a crash or a full disk is dropped, a file cut inside its
 * header has no rows. Rows are written whole, each handed to the operating system at once ({@link RowWriter}).
 *
 * <pre>{@code
 * try (SampleCsv.Appender out = SampleCsv.append(path, columns, startMillis)) { out.append(frame); }
 * SeriesTable back = SampleCsv.read(path);
 * }</pre>
 */
public final class SampleCsv {
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    static final String EPOCH = "epoch_ms";
    static final String ELAPSED = "elapsed_s";

    private SampleCsv() {
    }

    /** Writes typed embedded-collector samples (their own {@code elapsed_s}), replacing the file. */
    public static void write(Path file, List<Sample> samples) throws IOException {
        List<Series> series = EmbeddedSource.SERIES.stream().map(EmbeddedSource.Column::series).toList();
        try (Appender out = append(file, series, Long.MIN_VALUE)) {
            for (Sample s : samples) {
                out.append(new Frame(s.epochMillis(), EmbeddedSource.values(s)), s.elapsedS());
            }
        }
    }

    /** Opens {@code file} for incremental writing of {@code series} (truncates it, writes the header at once). */
    public static Appender append(Path file, List<Series> series, long originEpochMillis) throws IOException {
        return new Appender(file, series, originEpochMillis);
    }

    /** Reads every row; units and kinds of the embedded collector's columns are known, others are guessed. */
    public static SeriesTable read(Path file) throws IOException {
        return read(file, Map.of());
    }

    /** Reads every complete row, with the series {@code run.json} declares (by column). */
    public static SeriesTable read(Path file, Map<String, Series> declared) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing file " + file);
        }
        String text = CompleteRows.read(file);
        if (text.isEmpty()) { // cut inside the header: nothing was recorded
            return new SeriesTable(List.of(), new long[0], new double[0], List.of());
        }
        return read(new StringReader(text), file.toString(), declared);
    }

    static SeriesTable read(Reader in, String name, Map<String, Series> declared) throws IOException {
        CSVFormat format = FORMAT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames();
            for (String column : List.of(EPOCH, ELAPSED)) {
                if (!header.contains(column)) {
                    throw new IOException(name + ": corrupt header, column '" + column + "' is missing");
                }
            }
            if (!header.get(0).equals(EPOCH) || !header.get(1).equals(ELAPSED)) {
                throw new IOException(name + ": corrupt header, it must begin with " + EPOCH + "," + ELAPSED);
            }
            List<Series> series = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            for (String column : header.subList(2, header.size())) {
                Series s = declared.containsKey(column) ? declared.get(column) : guess(column, name);
                if (columns.contains(s.column())) {
                    throw new IOException(name + ": corrupt header, column '" + printable(s.column()) + "' is repeated");
                }
                series.add(s);
                columns.add(s.column());
            }
            if (declared.isEmpty() && columns.contains("requests_total")) {
                for (EmbeddedSource.Column c : EmbeddedSource.required()) {
                    if (!columns.contains(c.series().column())) {
                        throw new IOException(name + ": corrupt header, column '" + c.series().column() + "' is missing");
                    }
                }
            }
            List<double[]> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                rows.add(parseRow(r, header, name));
            }
            long[] t = new long[rows.size()];
            double[] e = new double[rows.size()];
            List<double[]> cols = new ArrayList<>();
            for (int c = 0; c < series.size(); c++) {
                cols.add(new double[rows.size()]);
            }
            for (int i = 0; i < rows.size(); i++) {
                double[] row = rows.get(i);
                t[i] = (long) row[0];
                e[i] = row[1];
                for (int c = 0; c < series.size(); c++) {
                    cols.get(c)[i] = row[c + 2];
                }
            }
            return new SeriesTable(series, t, e, cols);
        } catch (UncheckedIOException e) {
            throw new IOException(name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (IllegalStateException e) {
            throw new IOException(name + ": corrupt CSV: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) { // commons-csv: an empty or repeated column name
            throw new IOException(name + ": corrupt header (a column name is empty or repeated)", e);
        } catch (org.apache.commons.csv.CSVException e) { // commons-csv reading the header: e.g. a quote never closed
            throw new IOException(name + ": corrupt CSV: " + printable(e.getMessage()), e);
        }
    }

    /** One row: every cell a number, an empty cell NaN (epoch and elapsed must be there). */
    private static double[] parseRow(CSVRecord r, List<String> header, String name) throws IOException {
        if (r.size() != header.size()) { // not isConsistent(): its header map counts a repeated name once
            throw new IOException(name + ": row " + r.getRecordNumber() + " has " + r.size() + " fields, header has "
                    + header.size() + " (truncated or corrupt file)");
        }
        double[] v = new double[header.size()];
        for (int i = 0; i < v.length; i++) {
            String text = r.get(i);
            try {
                v[i] = text.isEmpty() && i >= 2 ? Double.NaN : i == 0 ? Long.parseLong(text) : Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IOException(name + ": row " + r.getRecordNumber() + ", column " + printable(header.get(i)) + ": '"
                        + printable(text) + "' is not a number");
            }
        }
        return v;
    }

    /** As {@link #guess(String)}, an undeclared column that is no series name being a corrupt header of {@code file}. */
    private static Series guess(String column, String file) throws IOException {
        try {
            return guess(column);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": corrupt header, column '" + printable(column) + "' is not a series name");
        }
    }

    /** {@code text} on one printable line: control characters written as {@code \xNN}, at most 60 characters. */
    private static String printable(String text) {
        return Printable.of(text, 60);
    }

    /** A column without a declaration: the embedded collector's, or read as Prometheus writes a series. */
    static Series guess(String column) {
        Series known = EmbeddedSource.declared(column);
        if (known != null) {
            return known;
        }
        try {
            var parsed = PrometheusTextParser.parse(
                    new java.io.ByteArrayInputStream((column + " 0\n").getBytes(StandardCharsets.UTF_8)));
            Series s = parsed.keySet().iterator().next();
            Kind kind = s.name().endsWith("_total") ? Kind.COUNTER : Kind.GAUGE;
            return new Series(s.name(), s.labels(), s.unit(), kind);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("column '" + column + "' is not a series name");
        }
    }

    private static String cell(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e18) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /**
     * Incremental writer: each {@link #append} is one row, handed to the operating system at once ({@link RowWriter});
     * after a failed write every later append fails with the first error.
     */
    public static final class Appender implements AutoCloseable {
        private final RowWriter out;
        private final List<Series> series;
        private final long origin;
        private long rows;

        private Appender(Path file, List<Series> series, long origin) throws IOException {
            this.series = List.copyOf(series);
            this.origin = origin;
            out = RowWriter.create(file);
            List<String> header = new ArrayList<>(List.of(EPOCH, ELAPSED));
            this.series.forEach(s -> header.add(s.column()));
            out.row(header);
        }

        /** The columns this file has (fixed by its header). */
        public List<Series> series() {
            return series;
        }

        /** Appends a frame, {@code elapsed_s} from the origin. */
        public synchronized void append(Frame f) throws IOException {
            append(f, (f.epochMillis() - origin) / 1000.0);
        }

        synchronized void append(Frame f, double elapsedS) throws IOException {
            List<String> row = new ArrayList<>(series.size() + 2);
            row.add(Long.toString(f.epochMillis()));
            row.add(String.format(Locale.ROOT, "%.3f", elapsedS));
            for (Series s : series) {
                row.add(cell(f.value(s.column())));
            }
            out.row(row);
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
