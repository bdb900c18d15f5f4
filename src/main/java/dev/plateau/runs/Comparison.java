package dev.plateau.runs;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVPrinter;

/**
 * Several runs laid over each other for one metric: the aligned series (the overlay chart) and the verdict
 * table, both exportable as CSV. Each series starts at x = 0: elapsed seconds or requests since the run's first
 * sample.
 *
 * <pre>{@code
 * Comparison cmp = Comparison.of(List.of(before, after), "conn_buffer_bytes", Alignment.REQUESTS, new Trend());
 * System.out.print(cmp.table());
 * cmp.writeStatsCsv(Path.of("compare.csv"));
 * cmp.writeSeriesCsv(Path.of("overlay.csv"));
 * }</pre>
 */
public record Comparison(String metric, Alignment alignment, List<Series> series, List<RunStats> stats) {

    /** One run's points: {@code x} by the alignment, {@code y} the metric. */
    public record Series(String run, double[] x, double[] y) {
    }

    public Comparison {
        series = List.copyOf(series);
        stats = List.copyOf(stats);
    }

    public static Comparison of(List<Run> runs, String metric, Alignment alignment, Trend trend) {
        return of(runs, metric, alignment, trend, Work.REQUESTS);
    }

    /** Runs aligned on elapsed time or on {@code work} (requests or records), each judged against {@code work}. */
    public static Comparison of(List<Run> runs, String metric, Alignment alignment, Trend trend, Work work) {
        List<Series> series = new ArrayList<>();
        List<RunStats> stats = new ArrayList<>();
        for (Run run : runs) {
            double[] x = alignment == Alignment.ELAPSED ? new Work(Per.SECOND, null).x(run.table()) : work.x(run.table());
            series.add(new Series(run.label(), x, run.column(metric)));
            stats.add(RunStats.of(run, metric, trend, work));
        }
        return new Comparison(metric, alignment, series, stats);
    }

    /** The side-by-side table: one row per run. */
    public String table() {
        TextTable t = new TextTable("run", "samples", "peak", "final", "growth after warm-up", "slope", "verdict");
        for (RunStats s : stats) {
            t.row(s.run(), Integer.toString(s.samples()), TextTable.bytes(s.peak()), TextTable.bytes(s.last()),
                    TextTable.bytes(s.growthAfterWarmup()), TextTable.slope(s.slope(), s.unit()), s.verdict().label());
        }
        return "metric " + metric + System.lineSeparator() + t;
    }

    /** The table as CSV: {@code run, metric, samples, peak, final, growth_after_warmup, slope, slope_unit, verdict}. */
    public void writeStatsCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter out = new CSVPrinter(w, SampleCsv.FORMAT)) {
            out.printRecord("run", "metric", "samples", "peak", "final", "growth_after_warmup", "slope", "slope_unit", "verdict");
            for (RunStats s : stats) {
                out.printRecord(s.run(), s.metric(), s.samples(), Math.round(s.peak()), Math.round(s.last()),
                        Math.round(s.growthAfterWarmup()),
                        Double.isNaN(s.slope()) ? "" : String.format(Locale.ROOT, "%.1f", s.slope()), s.unit(),
                        s.verdict().label());
            }
        }
    }

    /** The aligned series as long-form CSV: {@code run, <elapsed_s|requests>, <metric>}. */
    public void writeSeriesCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter out = new CSVPrinter(w, SampleCsv.FORMAT)) {
            out.printRecord("run", alignment.column(), metric);
            for (Series s : series) {
                for (int i = 0; i < s.x().length; i++) {
                    String x = alignment == Alignment.ELAPSED ? String.format(Locale.ROOT, "%.3f", s.x()[i])
                            : Long.toString((long) s.x()[i]);
                    out.printRecord(s.run(), x, Double.isNaN(s.y()[i]) ? "" : Math.round(s.y()[i]));
                }
            }
        }
    }
}
