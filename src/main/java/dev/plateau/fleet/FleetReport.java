package dev.plateau.fleet;

import dev.plateau.runs.TextTable;
import dev.plateau.runs.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The outcome of a fleet judgement: every instance's result, largest slope first, as a terminal table and as CSV
 * (one row per instance; {@code segment_slopes} lists each segment's slope and verdict when restarts split it).
 */
public record FleetReport(FleetSpec spec, RangePlan plan, List<InstanceResult> results) {
    static final List<String> CSV_COLUMNS = List.of("instance", "segments", "samples", "peak_bytes", "final_bytes",
            "slope", "unit", "verdict", "segment_slopes", "run");

    public FleetReport {
        results = List.copyOf(results);
    }

    /** Instances whose verdict is {@code growing}. */
    public List<InstanceResult> growing() {
        return results.stream().filter(r -> r.verdict() == Verdict.GROWING).toList();
    }

    /** Points per expression that were judged (samples summed over instances). */
    public long points() {
        return results.stream().mapToLong(InstanceResult::samples).sum();
    }

    /** The table printed by {@code plateau fleet}. */
    public String table() {
        TextTable t = new TextTable(String.join(",", spec.by()), "segments", "samples", "peak", "final", "slope", "verdict");
        for (InstanceResult r : results) {
            t.row(r.labels().values().stream().collect(Collectors.joining(",")), r.segmentSummary(),
                    Integer.toString(r.samples()), TextTable.bytes(r.peak()), TextTable.bytes(r.finalValue()),
                    TextTable.slope(r.slope(), r.unit()), r.verdict().label());
        }
        return t.toString();
    }

    /** One line: how many instances, how many grow, over what. */
    public String summary() {
        return String.format(Locale.ROOT, "%d instances, %d growing; %s to %s, step %ds, %,d points",
                results.size(), growing().size(), plan.start(), plan.end(), plan.step().toSeconds(), points());
    }

    public void writeCsv(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter out = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get())) {
            for (InstanceResult r : results) {
                List<Object> row = new ArrayList<>(List.of(r.name(), r.segments().size(), r.samples(), number(r.peak()),
                        number(r.finalValue()), number(r.slope()), r.unit(), r.verdict().label(), segmentSlopes(r)));
                row.add(r.run() == null ? "" : r.run().toString());
                out.printRecord(row);
            }
        }
    }

    private static String segmentSlopes(InstanceResult r) {
        return r.segments().stream().map(s -> Instant.ofEpochMilli(s.fromMillis()) + " " + s.cause() + ": "
                + number(s.trend().slope()) + " " + s.trend().verdict().label()).collect(Collectors.joining("; "));
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.3f", v);
    }
}
