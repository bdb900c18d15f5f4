package dev.plateau.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.allocations.FixtureRuns;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AllocationsCommandTest {
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

    @Test
    void runDir_printsTopHeldSitesFoldedPastTheWrappers() throws Exception {
        Path stock = FixtureRuns.create(root, "fb-stock-held");

        int rc = run("allocations", stock.toString(), "--top", "3");

        assertThat(rc).as(err.toString()).isZero();
        String[] lines = out.toString().split("\\R");
        String first = java.util.Arrays.stream(lines).filter(l -> l.startsWith("1 ")).findFirst().orElseThrow();
        assertThat(first).contains("33.4 MB").contains("flb_http_server_session_ingest")
                .contains("cfl_sds_cat → cfl_sds_increase").contains("src/http_server/flb_http_server.c:1374");
        assertThat(lines).noneMatch(l -> l.startsWith("4 "));
        assertThat(out.toString()).contains("still allocated when killed: 46.0 MB");
    }

    @Test
    void atPeak_ranksByPeakBytes() throws Exception {
        Path stock = FixtureRuns.create(root, "fb-stock-held");

        int rc = run("allocations", stock.toString(), "--at", "peak", "--top", "1");

        assertThat(rc).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("(?m)^1 .*flb_http_server_session_ingest");
    }

    @Test
    void diff_stockAgainstShrink_showsTheSessionBuffersFallAway() throws Exception {
        Path stock = FixtureRuns.create(root, "fb-stock-held");
        Path shrink = FixtureRuns.create(root, "fb-shrink-held");

        int rc = run("allocations", "--diff", stock.toString(), shrink.toString(), "--top", "3");

        assertThat(rc).as(err.toString()).isZero();
        String firstRow = out.toString().split("\\R")[2];
        assertThat(firstRow).contains("33.4 MB").contains("-").contains("flb_http_server_session_ingest");
    }

    @Test
    void folderWithoutData_failsWithOneLine() {
        int rc = run("allocations", root.toString());

        assertThat(rc).isEqualTo(2);
        assertThat(err.toString().trim()).startsWith("plateau allocations: no allocation data in")
                .contains("plateau allocations record").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void badAt_failsWithOneLine() {
        int rc = run("allocations", root.toString(), "--at", "middle");

        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("'end' or 'peak'");
    }

    @Test
    void record_commandWithoutPort_failsWithOneLine() {
        int rc = run("allocations", "record", "--out", root.resolve("r").toString(), "--scenario",
                "samples/scenarios/fb-held.json", "--", "fluent-bit", "-i", "http");

        assertThat(rc).isEqualTo(2);
        assertThat(err.toString().trim()).isEqualTo("plateau allocations record: give --port N, or put {port} into CMD where its port goes");
    }

    @Test
    void record_commandThatExitsAtOnce_failsWithOneLine() {
        int rc = run("allocations", "record", "--without-heaptrack", "--port", "1", "--out", root.resolve("r").toString(),
                "--scenario", "samples/scenarios/fb-held.json", "--", "/bin/false");

        assertThat(rc).isEqualTo(3);
        assertThat(err.toString()).contains("the target exited before it listened on port 1");
    }
}
