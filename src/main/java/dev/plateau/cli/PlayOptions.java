package dev.plateau.cli;

import dev.plateau.runs.Threshold;
import dev.plateau.runs.Trend;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** What {@code soak} and {@code experiment} share (a picocli mixin): the scenario, where runs go, how to judge. */
final class PlayOptions {
    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "Scenario JSON (see samples/scenarios/).")
    Path scenario;

    @Option(names = "--out", defaultValue = "runs", paramLabel = "DIR", description = "Where runs are recorded (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--fail-on-growth", description = "Exit 1 when any verdict is 'growing'.")
    boolean failOnGrowth;

    @Option(names = "--threshold", defaultValue = "10%", paramLabel = "T",
            description = "When a metric is 'growing': its fitted growth over this share of its level (10%%, default)"
                    + " or its slope over these bytes per unit of work (1KiB, the seed's yardstick).")
    String threshold;

    @Option(names = "--metric", paramLabel = "M", split = ",",
            description = "Metric(s) to judge (default: conn_buffer_bytes, encoder_retained_bytes, direct_used_bytes, rss_bytes;"
                    + " for a target: target_rss_bytes, target_anon_bytes).")
    List<String> metrics;

    Trend trend() {
        return new Trend(Threshold.parse(threshold));
    }
}
