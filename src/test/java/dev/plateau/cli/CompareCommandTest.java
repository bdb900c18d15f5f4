package dev.plateau.cli;

import static dev.plateau.telemetry.TestSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.events.EventLog;
import dev.plateau.runs.RunRecorder;
import dev.plateau.telemetry.SampleRing;
import dev.plateau.telemetry.Sampler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareCommandTest {
    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** A recorded run whose conn_buffer_bytes grows {@code perRequest} bytes per request. */
    private Path record(String label, long perRequest) throws IOException {
        Sampler sampler = new Sampler(() -> null, Duration.ofMillis(100), new SampleRing(16), Clock.systemUTC());
        RunRecorder rec = new RunRecorder(root, label, sampler, new EventLog());
        rec.start();
        long t0 = rec.startMillis();
        for (int i = 0; i < 40; i++) {
            rec.append(sample(t0 + i * 250L, 0, i * 10L, 2_000_000 + perRequest * i * 10));
        }
        return rec.finish();
    }

    @Test
    void printsTheSideBySideTableAndWritesCsv() throws IOException {
        Path before = record("before", 60_000);
        Path after = record("after", 0);
        Path csv = root.resolve("cmp.csv");
        int rc = run("compare", before.toString(), after.toString(), "--csv", csv.toString());
        assertThat(rc).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("metric conn_buffer_bytes").contains("before").contains("after")
                .contains("60,000.0 B/req").contains("growing").contains("plateau");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).startsWith("before,conn_buffer_bytes,40,").endsWith("growing");
        assertThat(rows.get(2)).endsWith("plateau");
    }

    @Test
    void alignElapsedAndOtherMetricWork() throws IOException {
        Path before = record("before", 60_000);
        Path series = root.resolve("series.csv");
        int rc = run("compare", before.toString(), "--metric", "rss_bytes", "--align", "elapsed", "--series-csv",
                series.toString());
        assertThat(rc).as(err.toString()).isZero();
        assertThat(Files.readAllLines(series).get(0)).isEqualTo("run,elapsed_s,rss_bytes");
    }

    @Test
    void missingRunDirIsExit2WithOneLine() {
        int rc = run("compare", root.resolve("nope").toString());
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("plateau compare: no run directory").doesNotContain("\n");
    }

    @Test
    void unknownMetricIsExit2() throws IOException {
        Path before = record("before", 0);
        assertThat(run("compare", before.toString(), "--metric", "nonsense")).isEqualTo(2);
        assertThat(err.toString()).startsWith("plateau compare: unknown metric 'nonsense'");
    }

    @Test
    void badAlignIsExit2() throws IOException {
        Path before = record("before", 0);
        assertThat(run("compare", before.toString(), "--align", "sideways")).isEqualTo(2);
        assertThat(err.toString()).contains("--align: must be requests or elapsed");
    }

    @Test
    void noRunDirIsAUsageError() {
        assertThat(run("compare")).isEqualTo(2);
        assertThat(err.toString()).contains("RUN_DIR");
    }
}
