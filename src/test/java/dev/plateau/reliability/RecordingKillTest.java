package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.runs.Run;
import dev.plateau.runs.RunInfo;
import dev.plateau.runs.RunStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash consistency of a recording: {@code plateau soak} runs as a real process sampling every 10 ms under load and
 * is killed with SIGKILL once its {@code samples.csv} holds a random number of rows (so the kill lands anywhere in
 * the write cycle). Every time, the run folder loads: every complete row is there and nothing else (a cut last row
 * is dropped, never read as a wrong value), the events load, and {@code run.json} says {@code interrupted}.
 * {@code -Dkill.runs=100} for the full series (10 by default).
 */
class RecordingKillTest {
    private static final int RUNS = Integer.getInteger("kill.runs", 10);

    @TempDir
    Path tmp;

    @Test
    void everyKilledRecordingLoadsWithItsCompleteRowsAndSaysInterrupted() throws Exception {
        Path scenario = SoakProcess.scenario(tmp, "kill", 1_000_000);
        SplittableRandom random = new SplittableRandom(Long.getLong("kill.seed", System.nanoTime()));
        for (int kill = 0; kill < RUNS; kill++) {
            Path out = tmp.resolve("runs-" + kill);
            int rows = 1 + random.nextInt(60);
            Process p = soak(scenario, out);
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> !p.isAlive() || completeRows(out) >= rows);
                assertThat(p.isAlive()).as("soak still running at kill %d", kill).isTrue();
                p.destroyForcibly(); // SIGKILL
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            RunStore store = new RunStore(out);
            List<RunInfo> runs = store.list();
            assertThat(runs).as("kill %d after %d rows", kill, rows).singleElement();
            Run run = store.load(runs.get(0).dir());
            assertThat(run.interrupted()).as("kill %d: run.json says interrupted", kill).isTrue();
            assertThat(run.endedAt()).isNull();
            assertThat(run.samples()).as("kill %d: every complete row", kill).hasSize(completeRows(out));
            assertThat(run.samples()).as("kill %d", kill).allSatisfy(s -> {
                assertThat(s.epochMillis()).isGreaterThan(1_600_000_000_000L);
                assertThat(s.rssBytes()).isPositive();
            });
            assertThat(Files.readString(run.dir().resolve("run.json"))).contains("\"interrupted\"");
        }
    }

    private Process soak(Path scenario, Path out) throws IOException {
        return new ProcessBuilder(SoakProcess.command(scenario, out, "--quiet")).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("soak-" + out.getFileName() + ".log").toFile()).start();
    }

    /** Rows of the one samples.csv under {@code out} that end with CRLF, header excluded (0 before it exists). */
    private static int completeRows(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (var dirs = Files.list(out)) {
            Path dir = dirs.filter(Files::isDirectory).findFirst().orElse(null);
            if (dir == null || !Files.isRegularFile(dir.resolve("samples.csv"))) {
                return 0;
            }
            String text = new String(Files.readAllBytes(dir.resolve("samples.csv")), StandardCharsets.ISO_8859_1);
            int lines = text.split("\r\n", -1).length - 1;
            return Math.max(0, lines - 1);
        }
    }
}
