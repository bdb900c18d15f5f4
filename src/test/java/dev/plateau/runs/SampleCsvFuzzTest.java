package dev.plateau.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plateau.series.SeriesTable;
import dev.plateau.testing.FuzzBudget;
import dev.plateau.testing.UserMessages;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fuzzes the {@code samples.csv} reader ({@link SampleCsv#read}): any text gives a table or an {@link IOException}
 * whose message is one line naming the file; a table read is a fixed point of write-then-read (written again and
 * read back it is equal, and that second file is byte for byte what writing it a third time gives).
 */
class SampleCsvFuzzTest {
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void samplesCsvReadsRowsOrFailsNamingTheRow(byte[] bytes) throws IOException {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        SeriesTable rows;
        try {
            rows = SampleCsv.read(new StringReader(text), "samples.csv", Map.of());
        } catch (IOException e) {
            UserMessages.assertOneLine(e.getMessage(), "samples.csv");
            return;
        }
        Path file = Files.createTempFile("fuzz-samples", ".csv");
        try {
            write(file, rows);
            SeriesTable again = SampleCsv.read(file);
            byte[] once = Files.readAllBytes(file);
            write(file, again);
            assertSameTable(SampleCsv.read(file), again);
            assertThat(Files.readAllBytes(file)).isEqualTo(once);
            assertThat(again.size()).isEqualTo(rows.size());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void write(Path file, SeriesTable t) throws IOException {
        try (SampleCsv.Appender out = SampleCsv.append(file, t.series(), 0)) {
            for (int i = 0; i < t.size(); i++) {
                out.append(t.frame(i), t.elapsedS()[i]);
            }
        }
    }

    private static void assertSameTable(SeriesTable actual, SeriesTable expected) {
        assertThat(actual.series()).isEqualTo(expected.series());
        assertThat(actual.epochMillis()).isEqualTo(expected.epochMillis());
        assertThat(actual.elapsedS()).isEqualTo(expected.elapsedS());
        for (var s : expected.series()) {
            assertThat(actual.column(s.column())).isEqualTo(expected.column(s.column()));
        }
    }
}
