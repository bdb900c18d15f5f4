package dev.plateau.allocations;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The target's live heap (heaptrack) and RSS (/proc) on the run's time axis, written as {@code heap.csv}. The gap
 * {@code allocator_kept_bytes = target_rss_bytes - target_heap_live_bytes} is memory the program freed but its
 * allocator kept (plus code, stacks and heaptrack's own overhead).
 *
 * <p>Rows are the RSS samples; each takes the last heap snapshot at or before it. heaptrack writes its data in
 * blocks, so the last block before a SIGKILL is lost: a sample more than {@value #STALE_S} s after the last snapshot
 * has no heap value (empty cell, {@code NaN} here).
 *
 * <pre>{@code
 * HeapTimeline t = HeapTimeline.join(targetStartMs, runStartMs, Massif.read(massif), rss.points());
 * t.write(runDir.resolve("heap.csv"));
 * }</pre>
 */
public record HeapTimeline(List<Row> rows) {
    public static final String FILE = "heap.csv";
    static final List<String> COLUMNS = List.of("epoch_ms", "elapsed_s", "target_rss_bytes", "target_heap_live_bytes",
            "allocator_kept_bytes");
    static final double STALE_S = 1.0;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    /** @param epochMs sample time; @param elapsedS since the run started; bytes are NaN when unknown */
    public record Row(long epochMs, double elapsedS, double rssBytes, double heapBytes) {
        public double keptBytes() {
            return rssBytes - heapBytes;
        }
    }

    public HeapTimeline {
        rows = List.copyOf(rows);
    }

    /**
     * Joins heap snapshots (seconds since {@code targetStartMs}) with RSS samples; without RSS samples the rows
     * are the snapshots themselves.
     */
    public static HeapTimeline join(long targetStartMs, long runStartMs, List<Massif.Point> heap, List<RssTrack.Point> rss) {
        List<Row> rows = new ArrayList<>();
        if (rss.isEmpty()) {
            for (Massif.Point p : heap) {
                long t = targetStartMs + Math.round(p.timeS() * 1000);
                rows.add(new Row(t, (t - runStartMs) / 1000.0, Double.NaN, p.heapBytes()));
            }
            return new HeapTimeline(rows);
        }
        int k = -1;
        for (RssTrack.Point r : rss) {
            double sinceTarget = (r.epochMs() - targetStartMs) / 1000.0;
            while (k + 1 < heap.size() && heap.get(k + 1).timeS() <= sinceTarget) {
                k++;
            }
            double bytes = k < 0 ? (heap.isEmpty() ? Double.NaN : 0)
                    : sinceTarget - heap.get(k).timeS() > STALE_S && k == heap.size() - 1 ? Double.NaN
                    : heap.get(k).heapBytes();
            rows.add(new Row(r.epochMs(), (r.epochMs() - runStartMs) / 1000.0, r.rssBytes(), bytes));
        }
        return new HeapTimeline(rows);
    }

    /** The last row with both values, or null. */
    public Row lastComplete() {
        for (int i = rows.size() - 1; i >= 0; i--) {
            Row r = rows.get(i);
            if (!Double.isNaN(r.rssBytes()) && !Double.isNaN(r.heapBytes())) {
                return r;
            }
        }
        return null;
    }

    public double peakRss() {
        return rows.stream().mapToDouble(Row::rssBytes).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    public double peakHeap() {
        return rows.stream().mapToDouble(Row::heapBytes).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    public void write(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, FORMAT.builder().setHeader(COLUMNS.toArray(String[]::new)).get())) {
            for (Row r : rows) {
                csv.printRecord(r.epochMs(), String.format(java.util.Locale.ROOT, "%.3f", r.elapsedS()), cell(r.rssBytes()),
                        cell(r.heapBytes()), cell(r.keptBytes()));
            }
        }
    }

    public static HeapTimeline read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.builder().setReader(in)
                     .setFormat(FORMAT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            if (!p.getHeaderNames().containsAll(COLUMNS)) {
                throw new IOException("corrupt file " + file + ": header must be " + COLUMNS);
            }
            for (CSVRecord r : p) {
                rows.add(new Row(Long.parseLong(r.get("epoch_ms")), Double.parseDouble(r.get("elapsed_s")),
                        number(r.get("target_rss_bytes")), number(r.get("target_heap_live_bytes"))));
            }
        } catch (NumberFormatException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException("corrupt file " + file + ": " + e.getMessage(), e);
        }
        return new HeapTimeline(rows);
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : Long.toString(Math.round(v));
    }

    private static double number(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
