package dev.plateau.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Smoke tests: tiny loads, real servers, real sockets; checks the table's shape and that figures are positive. */
class BenchCommandTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "bench";
        System.arraycopy(args, 0, full, 1, args.length);
        int code = cli.execute(full);
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }

    /** The whitespace-separated cells of the first table row for this load, client and server. */
    private static String[] row(String output, String load, String client, String server) {
        return output.lines()
                .map(l -> l.trim().split("\\s+"))
                .filter(c -> c.length == 13 && c[0].equals(load) && c[3].equals(client) && c[4].equals(server))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + load + "/" + client + "/" + server + " in:\n" + output));
    }

    @Test
    void printsCollectorBaselineAndRatioRowsWithPositiveFigures() {
        String out = run("--small-requests", "200", "--large-requests", "8", "--large-lines", "100",
                "--connections", "4", "--skip-wrk");

        assertThat(out).contains("load", "req/s", "MB/s", "p50 ms", "p99 ms", "alloc B/req", "CPU us/req");
        for (String load : List.of("small", "large")) {
            for (String server : List.of("collector", "baseline")) {
                String[] c = row(out, load, "plateau", server);
                assertThat(Long.parseLong(c[5])).as("%s/%s requests", load, server).isGreaterThanOrEqualTo(
                        load.equals("small") ? 200 : 8);
                for (int i = 6; i <= 11; i++) {
                    assertThat(Double.parseDouble(c[i])).as("%s/%s column %d: %s", load, server, i, Arrays.toString(c))
                            .isPositive();
                }
                assertThat(Long.parseLong(c[12])).as("%s/%s errors", load, server).isZero();
            }
        }
        assertThat(out).containsPattern("small\\s+plateau\\s+ratio\\s+\\d+\\.\\d\\dx");
        assertThat(out).containsPattern("small-body req/s collector/baseline = \\d+\\.\\d\\d \\(target >= 0\\.80: (met|NOT met)\\)");
        assertThat(out).doesNotContain(" wrk ");
    }

    @Test
    void memoryOption_printsPerConnectionFiguresForBaselineAndBothShrinkSettings() {
        String out = run("--small-requests", "50", "--large-requests", "4", "--large-lines", "100",
                "--connections", "2", "--skip-wrk", "--memory", "--memory-connections", "6", "--memory-lines", "100");

        assertThat(out).contains("memory per idle keep-alive connection");
        assertThat(out).containsPattern("baseline\\s+-\\s+6\\s");
        assertThat(out).containsPattern("collector\\s+off\\s+6\\s");
        assertThat(out).containsPattern("collector\\s+on\\s+6\\s");
        assertThat(out).containsPattern("idle connection, shrink on, collector minus baseline: -?\\d+\\.\\d KiB direct");
    }

    @Test
    void rejectsAConnectionCountOutOfRange_namingTheFlag() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int code = cli.execute("bench", "--connections", "0", "--skip-wrk");

        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--connections: must be 1-10000, was 0").doesNotContain("Exception");
    }
}
