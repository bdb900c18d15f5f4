package dev.plateau.cli;

import dev.plateau.runs.Alignment;
import dev.plateau.runs.Comparison;
import dev.plateau.runs.Run;
import dev.plateau.runs.RunStats;
import dev.plateau.runs.RunStore;
import dev.plateau.runs.Threshold;
import dev.plateau.runs.Trend;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plateau compare}: lays recorded runs side by side for one metric and prints peak, final, growth after
 * warm-up, slope and verdict per run; {@code --csv} writes the same table, {@code --series-csv} the aligned
 * series (the overlay chart's data). Exit 0, or 2 with one line on stderr for bad input (missing or corrupt run,
 * unknown metric).
 *
 * <pre>
 * plateau compare runs/20261127-101500-seed-before runs/20261127-102000-seed-after --metric rss_bytes --csv cmp.csv
 * </pre>
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare recorded runs: peak, final, growth after warm-up, slope and verdict of one metric.")
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run directories (runs/<timestamp>-<label>).")
    List<Path> runs;

    @Option(names = "--metric", defaultValue = "conn_buffer_bytes", paramLabel = "M",
            description = "Column of samples.csv to compare (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--align", defaultValue = "requests", paramLabel = "requests|elapsed",
            description = "Align runs on cumulative requests or elapsed time (default: ${DEFAULT-VALUE}).")
    String align;

    @Option(names = "--threshold", defaultValue = "10%", paramLabel = "T",
            description = "When a metric is 'growing': its fitted growth over this share of its level (10%%, default)"
                    + " or its slope over these bytes per unit of work (1KiB, the seed's yardstick).")
    String threshold;

    @Mixin
    WorkOptions work = new WorkOptions();

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV.")
    Path csv;

    @Option(names = "--series-csv", paramLabel = "FILE", description = "Also write the aligned series as CSV (run, x, value).")
    Path seriesCsv;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Comparison cmp;
        List<Run> loaded = new ArrayList<>();
        try {
            RunStats.checkName(metric, true);
            Alignment alignment = Alignment.parse(align);
            RunStore store = new RunStore(Path.of("."));
            for (Path dir : runs) {
                loaded.add(store.load(dir));
            }
            cmp = Comparison.of(loaded, metric, alignment, new Trend(Threshold.parse(threshold)), work.work());
        } catch (IOException | IllegalArgumentException e) {
            err.println("plateau compare: " + e.getMessage());
            return 2;
        }
        out.print(cmp.table());
        for (Run r : loaded) {
            String note = work.work().note(r.table());
            if (note != null) {
                out.println("note: " + r.label() + ": " + note);
            }
        }
        try {
            if (csv != null) {
                cmp.writeStatsCsv(csv);
                out.println("wrote " + csv);
            }
            if (seriesCsv != null) {
                cmp.writeSeriesCsv(seriesCsv);
                out.println("wrote " + seriesCsv);
            }
        } catch (IOException e) {
            err.println("plateau compare: cannot write CSV: " + e.getMessage());
            return 2;
        }
        out.flush();
        return 0;
    }
}
