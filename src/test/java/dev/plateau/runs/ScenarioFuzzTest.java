package dev.plateau.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plateau.testing.FuzzBudget;
import dev.plateau.testing.UserMessages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes scenario files ({@link Scenario#load}, what {@code plateau soak --scenario} and the console read): any
 * bytes give a scenario or an {@link IllegalArgumentException}/{@link IOException} whose message is one line naming
 * the file; a loaded scenario answers {@link Scenario#plannedRequests()} and {@link Scenario#collectorJson()}
 * without throwing. A valid {@code payload.json} sits next to the file.
 */
class ScenarioFuzzTest {
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void scenarioParsesOrFailsWithOneLineMessage(byte[] bytes) throws IOException {
        Path dir = Files.createTempDirectory("fuzz-scenario");
        Path file = dir.resolve("scenario.json");
        try {
            Files.write(file, bytes);
            Files.writeString(dir.resolve("payload.json"), "{\"log\":\"x\"}");
            Scenario s;
            try {
                s = Scenario.load(file);
            } catch (IllegalArgumentException | IOException e) {
                UserMessages.assertOneLine(e.getMessage(), file.toString());
                return;
            }
            assertThat(s.plannedRequests()).isNotNegative();
            assertThat(s.collectorJson()).isNotNull();
        } finally {
            Files.deleteIfExists(dir.resolve("payload.json"));
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
