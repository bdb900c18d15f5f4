package dev.plateau.load.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A short real side-by-side round: Plateau's collect (a child JVM) and a real Fluent Bit, wrk and h2load. */
class SideBySideTest {
    @Test
    void oneShortRound_measuresBothServersAndJudgesTheTargets() {
        Path fluentBit = fluentBit();
        assumeTrue(fluentBit != null, "no Fluent Bit: set $FLUENT_BIT, put fluent-bit on the PATH or ../shared/bin");
        assumeTrue(WrkRunner.available(), "wrk is not on the PATH (apt install wrk)");
        List<String> plateau = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.plateau.cli.Main"));
        var plan = new SideBySide.Plan(fluentBit, plateau, 1, Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofSeconds(2), 4, 2, 50, 500, 500);
        StringWriter progress = new StringWriter();
        SideBySide bench = new SideBySide(plan, new PrintWriter(progress));

        List<SideBySide.Round> rounds = bench.run();

        SideBySide.Round r = rounds.get(0);
        for (SideBySide.Figures f : List.of(r.plateau(), r.fluentBit())) {
            assertThat(f.rssStart()).isPositive();
            assertThat(f.smallPeak()).isGreaterThanOrEqualTo(f.rssStart());
            assertThat(f.smallRps()).isPositive();
            assertThat(f.largeMBps()).as(progress.toString()).isPositive();
            assertThat(f.launchMs()).isPositive();
            assertThat(f.pacedP99Ms()).as("p99 at 500 req/s").isPositive();
        }
        assertThat(r.plateau().errors()).isZero();
        String report = SideBySideReport.format(rounds, bench.largeBodyBytes());
        assertThat(report).contains("small: peak RSS (MB)", "targets (issue 17):", "large: peak RSS ≤ Fluent Bit's",
                "at the same paced rate");
    }

    private static Path fluentBit() {
        Stream<Path> candidates = Stream.of(System.getenv("FLUENT_BIT") == null ? null : Path.of(System.getenv("FLUENT_BIT")),
                Executables.onPath("fluent-bit"), Path.of("..", "shared", "bin", "fluent-bit-5.1.1"));
        return candidates.filter(p -> p != null && Files.isExecutable(p)).findFirst().orElse(null);
    }
}
