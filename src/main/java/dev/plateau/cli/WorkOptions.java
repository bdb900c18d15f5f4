package dev.plateau.cli;

import dev.plateau.runs.Work;
import picocli.CommandLine.Option;

/** The verdict's unit of work (a picocli mixin of {@code soak}, {@code experiment} and {@code compare}). */
final class WorkOptions {
    @Option(names = "--per", paramLabel = "UNIT", defaultValue = "request",
            description = "Slope per request (answered, from the load generator), record or second (default: ${DEFAULT-VALUE}).")
    String per;

    @Option(names = "--work-series", paramLabel = "SERIES",
            description = "Counter of records for --per record (default: records_in_total, plateau_records_in_total"
                    + " or the first fluentbit_input_records_total{...}).")
    String workSeries;

    Work work() {
        return Work.parse(per, workSeries);
    }
}
