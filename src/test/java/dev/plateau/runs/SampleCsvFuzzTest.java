package dev.plateau.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plateau.telemetry.Sample;
import dev.plateau.testing.FuzzBudget;
import dev.plateau.testing.UserMessages;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzzes the {@code samples.csv} reader ({@link SampleCsv#read}): any text gives rows or an {@link IOException}
 * whose message is one line naming the file; rows read are a fixed point of write-then-read (written again and read
 * back they are equal, and that second file is byte for byte what writing them a third time gives).
 */
class SampleCsvFuzzTest {
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void samplesCsvReadsRowsOrFailsNamingTheRow(byte[] bytes) throws IOException {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        List<Sample> rows;
        try {
            rows = SampleCsv.read(new StringReader(text), "samples.csv");
        } catch (IOException e) {
            UserMessages.assertOneLine(e.getMessage(), "samples.csv");
            return;
        }
        Path file = Files.createTempFile("fuzz-samples", ".csv");
        try {
            SampleCsv.write(file, rows);
            List<Sample> again = SampleCsv.read(file);
            byte[] once = Files.readAllBytes(file);
            SampleCsv.write(file, again);
            assertThat(SampleCsv.read(file)).isEqualTo(again);
            assertThat(Files.readAllBytes(file)).isEqualTo(once);
            assertThat(again).hasSameSizeAs(rows);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
