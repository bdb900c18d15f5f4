package dev.plateau.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plateau.runs.Run;
import dev.plateau.runs.RunInfo;
import dev.plateau.runs.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code plateau soak} on the small scenarios: a real collector, real bursts, real files. */
class SoakCommandTest {
    @TempDir
    Path runs;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int soak(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 3];
        all[0] = "soak";
        all[1] = "--out";
        all[2] = runs.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return cl.execute(all);
    }

    private JsonNode verdicts() throws IOException {
        List<RunInfo> list = new RunStore(runs).list();
        assertThat(list).hasSize(1);
        Run run = new RunStore(runs).load(list.get(0).dir());
        assertThat(run.samples().size()).isGreaterThan(10);
        return run.meta().path("summary").path("metrics");
    }

    private static String verdictOf(JsonNode metrics, String metric) {
        for (JsonNode m : metrics) {
            if (m.path("metric").asText().equals(metric)) {
                return m.path("verdict").asText();
            }
        }
        throw new AssertionError("no " + metric + " in " + metrics);
    }

    @Test
    void beforeIsGrowingAndFailsTheBuild() throws IOException {
        int rc = soak("--scenario", "samples/scenarios/small-before.json", "--fail-on-growth", "--quiet");
        System.out.print(out);
        assertThat(rc).as(err.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("conn_buffer_bytes").contains("GROWING");
        JsonNode metrics = verdicts();
        assertThat(verdictOf(metrics, "conn_buffer_bytes")).isEqualTo("growing");
    }

    @Test
    void afterWithIdleTimeoutIsPlateau() throws IOException {
        int rc = soak("--scenario", "samples/scenarios/small-after-idle-timeout.json", "--fail-on-growth",
                "--metric", "conn_buffer_bytes", "--quiet");
        System.out.print(out);
        assertThat(rc).as(out + "\n" + err).isZero();
        assertThat(verdictOf(verdicts(), "conn_buffer_bytes")).isEqualTo("plateau");
        assertThat(out.toString()).contains("plateau").contains("burst: ");
    }

    @Test
    void missingScenarioIsExit2WithOneLine() {
        assertThat(soak("--scenario", "nope.json")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("plateau soak: no scenario file nope.json");
    }

    @Test
    void unknownMetricIsExit2() {
        assertThat(soak("--scenario", "samples/scenarios/small-before.json", "--metric", "conn_bufer")).isEqualTo(2);
        assertThat(err.toString()).startsWith("plateau soak: unknown metric 'conn_bufer'");
    }

    @Test
    void missingScenarioFlagIsAUsageError() {
        assertThat(soak()).isEqualTo(2);
        assertThat(err.toString()).contains("--scenario");
    }
}
