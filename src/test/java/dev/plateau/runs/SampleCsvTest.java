package dev.plateau.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plateau.telemetry.Sample;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code samples.csv}: exact round trip, incremental appends, and errors that say where a file is broken. */
class SampleCsvTest {
    @TempDir
    Path dir;

    /** A sample whose every column holds a different value, so a swapped column cannot go unnoticed. */
    static Sample distinct(int k) {
        long b = 1_000L * k;
        return new Sample(1_700_000_000_000L + k * 250L, k * 0.25, b + 1, b + 2, b + 3, b + 4, k + 5, b + 6, b + 7,
                b + 8, b + 9, b + 10, b + 11, b + 12, b + 13, b + 14, b + 15, b + 16, b + 17, b + 18, b + 19, b + 20,
                b + 21, b + 22, k % 2 == 0, k % 3 == 0, b + 23, k == 0 ? -1 : b + 24, List.of());
    }

    private Path csv(String text) throws IOException {
        Path f = dir.resolve("samples.csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static String header() {
        return String.join(",", Sample.COLUMNS) + "\r\n";
    }

    private static final List<dev.plateau.series.Series> EMBEDDED = dev.plateau.series.EmbeddedSource.SERIES.stream()
            .map(dev.plateau.series.EmbeddedSource.Column::series).toList();

    private static dev.plateau.series.Frame frame(Sample s) {
        return new dev.plateau.series.Frame(s.epochMillis(), dev.plateau.series.EmbeddedSource.values(s));
    }

    private static String row(Sample s) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            Path tmp = java.nio.file.Files.createTempFile("row", ".csv");
            SampleCsv.write(tmp, List.of(s));
            String text = java.nio.file.Files.readString(tmp);
            java.nio.file.Files.delete(tmp);
            return text.substring(text.indexOf("\r\n") + 2);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void writtenSamplesReadBackEqualInEveryColumn() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            samples.add(distinct(k));
        }
        Path f = dir.resolve("samples.csv");
        SampleCsv.write(f, samples);

        List<Sample> back = SampleCsv.read(f).samples();

        assertThat(back).hasSize(samples.size());
        for (int k = 0; k < samples.size(); k++) {
            assertThat(back.get(k).values()).as("row %d", k).containsExactly(samples.get(k).values());
            assertThat(back.get(k)).isEqualTo(samples.get(k));
        }
    }

    @Test
    void largeCountersSurviveTheRoundTripExactly() throws IOException {
        // series values are doubles (as in Prometheus): every integer up to 2^53 is exact; epoch_ms is a long
        long big = 1L << 53;
        Sample s = new Sample(Long.MAX_VALUE, 1.5, big, big - 2, 1, 2, 3, 4, 5, 6, 7, big - 1, 9, 10, 11,
                12, 13, 14, 15, 16, big, 18, 19, 20, true, true, 21, 22, List.of());
        Path f = dir.resolve("samples.csv");
        SampleCsv.write(f, List.of(s));

        assertThat(SampleCsv.read(f).samples()).containsExactly(s);
        assertThat(Files.readString(f)).contains(Long.toString(big)).contains(Long.toString(big - 1))
                .contains(Long.toString(Long.MAX_VALUE));
    }

    @Test
    void fileIsRfc4180WithTheUnitCarryingHeader() throws IOException {
        Path f = dir.resolve("samples.csv");
        SampleCsv.write(f, List.of(distinct(1), distinct(2)));

        String text = Files.readString(f);
        assertThat(text).startsWith("epoch_ms,elapsed_s,rss_bytes,heap_used_bytes,");
        assertThat(List.of(text.split("\r\n", -1))).hasSize(4).last().isEqualTo("");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(Sample.COLUMNS).allMatch(c -> c.matches("[a-z0-9_]+")
                && (c.endsWith("_bytes") || c.endsWith("_ms") || c.endsWith("_s") || c.endsWith("_total")
                || c.startsWith("policy_") || c.equals("conn_open") || c.equals("gc_count")));
        try (Reader r = Files.newBufferedReader(f);
             CSVParser p = CSVParser.builder().setReader(r)
                     .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            assertThat(p.getHeaderNames()).containsExactlyElementsOf(Sample.COLUMNS);
            List<CSVRecord> rows = p.getRecords();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("elapsed_s")).isEqualTo("0.250");
            assertThat(rows.get(0).get("policy_shrink")).isEqualTo("0");
            assertThat(rows.get(1).get("policy_shrink")).isEqualTo("1");
        }
    }

    @Test
    void appendedRowsAreReadableAfterEachFlushBeforeClose() throws IOException {
        Path f = dir.resolve("samples.csv");
        try (SampleCsv.Appender out = SampleCsv.append(f, EMBEDDED, Long.MIN_VALUE)) {
            assertThat(SampleCsv.read(f).samples()).isEmpty();
            for (int k = 0; k < 5; k++) {
                out.append(frame(distinct(k)), distinct(k).elapsedS());
                out.flush();
                assertThat(SampleCsv.read(f).samples()).hasSize(k + 1).last().isEqualTo(distinct(k));
            }
            assertThat(out.rows()).isEqualTo(5);
        }
        assertThat(SampleCsv.read(f).samples()).hasSize(5);
    }

    @Test
    void appenderWithAnOriginCountsElapsedFromIt() throws IOException {
        Path f = dir.resolve("samples.csv");
        Sample s = distinct(8);   // epoch 1_700_000_002_000
        try (SampleCsv.Appender out = SampleCsv.append(f, EMBEDDED, 1_700_000_000_500L)) {
            out.append(frame(s));
        }
        assertThat(SampleCsv.read(f).samples().get(0).elapsedS()).isEqualTo(1.5);
    }

    @Test
    void appendTruncatesAnOldFile() throws IOException {
        Path f = dir.resolve("samples.csv");
        SampleCsv.write(f, List.of(distinct(1), distinct(2), distinct(3)));
        SampleCsv.write(f, List.of(distinct(4)));
        assertThat(SampleCsv.read(f).samples()).containsExactly(distinct(4));
    }

    @Test
    void badNumberNamesFileRowAndColumn() throws IOException {
        String good = row(distinct(1));
        String bad = row(distinct(2)).replace(Long.toString(2_000 + 6), "12x");
        Path f = csv(header() + good + bad);

        assertThatThrownBy(() -> SampleCsv.read(f).samples())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("row 2")
                .hasMessageContaining("conn_buffer_bytes")
                .hasMessageContaining("'12x'");
    }

    @Test
    void missingColumnInTheHeaderIsNamed() throws IOException {
        String header = header().replace("queue_bytes,", "");
        Path f = csv(header);

        assertThatThrownBy(() -> SampleCsv.read(f).samples())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("'queue_bytes' is missing");
    }

    @Test
    void rowCutByACrashIsDroppedAndCompleteRowsKept() throws IOException {
        String last = row(distinct(3));
        String cut = last.substring(0, last.length() / 2);
        Path f = csv(header() + row(distinct(1)) + row(distinct(2)) + cut);

        assertThat(SampleCsv.read(f).samples()).hasSize(2);
    }

    @Test
    void rowCutInsideItsLastNumberIsNotReadAsASmallerValue() throws IOException {
        String last = row(distinct(3));
        Path f = csv(header() + row(distinct(1)) + last.substring(0, last.length() - 4)); // "…,1234" + CRLF → "…,12"

        assertThat(SampleCsv.read(f).samples()).hasSize(1);
    }

    @Test
    void fileCutInsideItsHeaderHasNoRows() throws IOException {
        Path f = csv(header().substring(0, 20));

        assertThat(SampleCsv.read(f).samples()).isEmpty();
    }

    @Test
    void unterminatedQuoteAtTheEndIsACutRow() throws IOException {
        Path f = csv(header() + row(distinct(1)) + "\"1700000000000,0.1");

        assertThat(SampleCsv.read(f).samples()).hasSize(1);
    }

    @Test
    void shortCompleteRowInTheMiddleNamesTheRow() throws IOException {
        String middle = row(distinct(2));
        Path f = csv(header() + row(distinct(1)) + middle.substring(0, middle.length() / 2) + "\r\n" + row(distinct(3)));

        assertThatThrownBy(() -> SampleCsv.read(f).samples())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("row 2")
                .hasMessageContaining("truncated");
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope.csv");
        assertThatThrownBy(() -> SampleCsv.read(f).samples()).isInstanceOf(IOException.class).hasMessageContaining(f.toString());
    }

    /**
     * Found by SampleCsvFuzzTest: a header that repeats a name (here {@code epoch_ms}) has 6 names but a header map
     * of 5, so commons-csv calls a 5-field row consistent and reading its sixth cell threw
     * ArrayIndexOutOfBoundsException. The row is now measured against the header's names.
     */
    @Test
    void headerRepeatingAName_andAShortRow_isOneLineNamingTheRow() {
        String text = "epoch_ms,elapsed_s,rss_bytes,heap_used_bytes,direct_used_bytes,epoch_ms\r\n"
                + "1700000000000,0,1,2,3\r\n";
        assertThatThrownBy(() -> SampleCsv.read(new java.io.StringReader(text), "samples.csv", java.util.Map.of()))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("samples.csv: row 1 has 5 fields, header has 6 (truncated or corrupt file)");
    }
}
