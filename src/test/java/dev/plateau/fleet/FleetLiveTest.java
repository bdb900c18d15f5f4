package dev.plateau.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.cli.Main;
import dev.plateau.runs.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a real Prometheus scrapes three real {@code plateau collect} processes every second while the same
 * leaking client hits them ({@link CollectorFleet}); after about a minute, {@code plateau fleet --preset plateau}
 * flags exactly the collector without shrink and idle timeout as growing on {@code plateau_connection_buffer_bytes}
 * per record.
 */
class FleetLiveTest {

    @Test
    void flagsExactlyTheLeakyCollectorAsGrowingPerRecord(@TempDir Path dir) throws Exception {
        try (CollectorFleet fleet = CollectorFleet.start(dir)) {
            Instant start = Instant.now();
            fleet.startBursts();
            fleet.awaitBursts();
            long seconds = Duration.between(start, Instant.now()).toSeconds() + 2;

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                    .execute("fleet", "--prometheus", fleet.prometheus().toString(), "--preset", "plateau",
                            "--range", seconds + "s", "--step", "1s", "--fail-on-growth");

            System.out.print(out);
            assertThat(exit).as(out + "\n" + err).isEqualTo(1);
            String[] lines = out.toString().split("\\R");
            assertThat(lines[1]).as(out.toString()).startsWith(fleet.leaky()).contains("growing").contains("B/record");
            assertThat(out.toString()).contains("3 instances, 1 growing");

            FleetReport report = new Fleet(new FleetSpec(fleet.prometheus(), Auth.none(), Preset.PLATEAU.memory(),
                    Preset.PLATEAU.work(), Preset.PLATEAU.by(), Duration.ofSeconds(seconds), null, Duration.ofSeconds(1),
                    null, null, 2)).run((phase, done, total) -> { }, null);
            assertThat(report.growing()).singleElement().satisfies(r -> {
                assertThat(r.labels().get("instance")).isEqualTo(fleet.leaky());
                // one 512 KB buffer kept per request of 100 records
                assertThat(r.slope()).isBetween(512_000 / 100 * 0.5, 512_000 / 100 * 1.5);
            });
            assertThat(report.results()).hasSize(3).filteredOn(r -> !r.labels().get("instance").equals(fleet.leaky()))
                    .allSatisfy(r -> assertThat(r.verdict()).as(r.name()).isEqualTo(Verdict.PLATEAU));
        }
    }
}
