package dev.plateau.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plateau.telemetry.Sample;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Comparison}: runs laid over each other, the verdict table, and both CSV exports. */
class ComparisonTest {
    @TempDir
    Path dir;

    private static Run run(String label, List<Sample> samples) {
        return new Run(Path.of(label), label, Instant.EPOCH, Instant.EPOCH, RunFiles.JSON.createObjectNode(), samples,
                List.of());
    }

    /** A leaking "before" (50 kB per request, starting at request 1000) and a flat "after" (120 samples each). */
    private static List<Run> beforeAndAfter() {
        return List.of(run("before", RunStatsTest.series(120, 1000, r -> 1_000_000 + 50_000 * r)),
                run("after", RunStatsTest.series(120, 0, r -> Math.min(r, 40) * 25_000)));
    }

    private static List<CSVRecord> parse(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file);
             CSVParser p = CSVParser.builder().setReader(r)
                     .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            List<CSVRecord> rows = p.getRecords();
            assertThat(rows).allMatch(CSVRecord::isConsistent);
            return rows;
        }
    }

    private static List<String> header(Path file) throws IOException {
        return List.of(Files.readAllLines(file).get(0).split(","));
    }

    @Test
    void statsGiveAVerdictPerRun() {
        Comparison c = Comparison.of(beforeAndAfter(), "conn_buffer_bytes", Alignment.REQUESTS, new Trend());

        assertThat(c.stats()).extracting(RunStats::run).containsExactly("before", "after");
        assertThat(c.stats()).extracting(RunStats::verdict).containsExactly(Verdict.GROWING, Verdict.PLATEAU);
        assertThat(c.stats().get(0).slope()).isCloseTo(50_000, org.assertj.core.api.Assertions.within(500.0));
        assertThat(c.stats().get(1).peak()).isEqualTo(1_000_000);
        assertThat(c.metric()).isEqualTo("conn_buffer_bytes");
    }

    @Test
    void alignmentByRequestsStartsEveryRunAtZeroRequests() {
        Comparison c = Comparison.of(beforeAndAfter(), "conn_buffer_bytes", Alignment.REQUESTS, new Trend());

        Comparison.Series before = c.series().get(0);
        assertThat(before.run()).isEqualTo("before");
        assertThat(before.x()).hasSize(120).startsWith(0, 4, 8).endsWith(476);
        assertThat(before.y()).startsWith(1_000_000, 1_200_000);
        assertThat(c.series().get(1).x()).startsWith(0, 4, 8).endsWith(476);
    }

    @Test
    void alignmentByElapsedStartsEveryRunAtZeroSeconds() {
        Comparison c = Comparison.of(beforeAndAfter(), "conn_buffer_bytes", Alignment.ELAPSED, new Trend());

        double[] x = c.series().get(0).x();
        assertThat(x[0]).isZero();
        assertThat(x[10]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(x[119]).isCloseTo(11.9, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void tableShowsOneRowPerRunWithFormattedFigures() {
        String table = Comparison.of(beforeAndAfter(), "conn_buffer_bytes", Alignment.REQUESTS, new Trend()).table();

        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("metric conn_buffer_bytes");
        assertThat(lines.get(1)).startsWith("run ").contains("samples", "peak", "final", "growth after warm-up",
                "slope", "verdict");
        assertThat(lines.get(2)).startsWith("before").contains("24,800,000").contains("B/req").endsWith("growing");
        assertThat(lines.get(3)).startsWith("after ").contains("1,000,000").endsWith("plateau");
        assertThat(lines.get(1).length()).isEqualTo(lines.get(2).length()).isEqualTo(lines.get(3).length());
    }

    @Test
    void statsCsvParsesBackWithOneRowPerRun() throws IOException {
        Path file = dir.resolve("compare.csv");
        Comparison.of(beforeAndAfter(), "conn_buffer_bytes", Alignment.REQUESTS, new Trend()).writeStatsCsv(file);

        assertThat(header(file)).containsExactly("run", "metric", "samples", "peak", "final", "growth_after_warmup",
                "slope", "slope_unit", "verdict");
        List<CSVRecord> rows = parse(file);
        assertThat(rows).hasSize(2);
        CSVRecord before = rows.get(0);
        assertThat(before.get("run")).isEqualTo("before");
        assertThat(before.get("metric")).isEqualTo("conn_buffer_bytes");
        assertThat(before.get("samples")).isEqualTo("120");
        assertThat(before.get("peak")).isEqualTo("24800000");
        assertThat(before.get("final")).isEqualTo("24800000");
        assertThat(Double.parseDouble(before.get("slope"))).isBetween(49_500.0, 50_500.0);
        assertThat(before.get("slope_unit")).isEqualTo("B/req");
        assertThat(before.get("verdict")).isEqualTo("growing");
        assertThat(rows.get(1).get("verdict")).isEqualTo("plateau");
        assertThat(Long.parseLong(rows.get(1).get("growth_after_warmup"))).isZero();
    }

    @Test
    void seriesCsvIsLongFormWithTheAlignmentColumn() throws IOException {
        Path byReq = dir.resolve("overlay.csv");
        Comparison.of(beforeAndAfter(), "conn_buffer_bytes", Alignment.REQUESTS, new Trend()).writeSeriesCsv(byReq);

        assertThat(header(byReq)).containsExactly("run", "requests", "conn_buffer_bytes");
        List<CSVRecord> rows = parse(byReq);
        assertThat(rows).hasSize(240);
        assertThat(rows.get(0).values()).containsExactly("before", "0", "1000000");
        assertThat(rows.get(1).values()).containsExactly("before", "4", "1200000");
        assertThat(rows.get(120).values()).containsExactly("after", "0", "0");
        assertThat(rows.get(239).values()).containsExactly("after", "476", "1000000");

        Path byTime = dir.resolve("overlay-time.csv");
        Comparison.of(beforeAndAfter(), "conn_buffer_bytes", Alignment.ELAPSED, new Trend()).writeSeriesCsv(byTime);
        assertThat(header(byTime)).containsExactly("run", "elapsed_s", "conn_buffer_bytes");
        assertThat(parse(byTime).get(1).values()).containsExactly("before", "0.100", "1200000");
    }

    @Test
    void labelsWithCommasAndQuotesAreQuoted() throws IOException {
        Path file = dir.resolve("q.csv");
        Run odd = run("a,\"b\"", RunStatsTest.series(10, 0, r -> r));
        Comparison.of(List.of(odd), "rss_bytes", Alignment.REQUESTS, new Trend()).writeStatsCsv(file);
        assertThat(parse(file).get(0).get("run")).isEqualTo("a,\"b\"");
    }

    @Test
    void alignmentParsesItsNamesAndRejectsOthers() {
        assertThat(Alignment.parse("Requests")).isEqualTo(Alignment.REQUESTS);
        assertThat(Alignment.parse(" elapsed ")).isEqualTo(Alignment.ELAPSED);
        assertThat(Alignment.parse("time")).isEqualTo(Alignment.ELAPSED);
        assertThatThrownBy(() -> Alignment.parse("bytes")).hasMessage("--align: must be requests or elapsed, was 'bytes'");
        assertThatThrownBy(() -> Alignment.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textTableAlignsNumbersRight() {
        TextTable t = new TextTable("name", "value").row("a", "1").row("longer", "1,000");
        String nl = System.lineSeparator();
        assertThat(t.toString()).isEqualTo("name    value" + nl + "a           1" + nl + "longer  1,000" + nl);
        assertThat(TextTable.bytes(52_000_000)).isEqualTo("52,000,000");
        assertThat(TextTable.bytes(Double.NaN)).isEqualTo("-");
        assertThat(TextTable.slope(51_200, "B/req")).isEqualTo("51,200.0 B/req");
        assertThat(TextTable.slope(Double.NaN, "B/req")).isEqualTo("-");
    }
}
