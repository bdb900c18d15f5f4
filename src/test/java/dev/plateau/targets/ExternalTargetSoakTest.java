package dev.plateau.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.runs.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plateau soak} judging real external processes through {@code --target-command}: a Python sink that keeps
 * every body (growing) and one that drops them (plateau), and Plateau's own {@code collect} started as a separate
 * JVM, judged per request and per record. No embedded collector takes part in these verdicts.
 */
class ExternalTargetSoakTest {
    @TempDir
    Path runs;
    @TempDir
    Path scenarios;

    private Run soakSink(String mode) throws IOException {
        Plateau plateau = new Plateau(runs);
        int rc = plateau.run("soak", "--scenario", Plateau.scenario(scenarios, "sink-" + mode, 150, 40, 100).toString(),
                "--quiet", "--target-command", "python3 '" + Plateau.sink() + "' {port} " + mode,
                "--target-url", "http://127.0.0.1:{port}/", "--target-metrics", "http://127.0.0.1:{port}/metrics",
                "--metric", "target_rss_bytes,sink_kept_bytes");
        System.out.print(plateau.out);
        assertThat(rc).as(plateau.err.toString()).isZero();
        return plateau.onlyRun();
    }

    @Test
    void aPythonSinkThatKeepsEveryBodyIsGrowing() throws IOException {
        Run run = soakSink("keep");

        assertThat(Plateau.verdictOf(run, "target_rss_bytes")).isEqualTo("growing");
        assertThat(Plateau.verdictOf(run, "sink_kept_bytes")).isEqualTo("growing");
        double[] answered = run.column("load_answered_total");
        assertThat(answered[answered.length - 1]).isEqualTo(150);
        assertThat(run.meta().path("target").path("kind").asText()).isEqualTo("command");
        assertThat(run.meta().path("series").toString()).contains("\"column\":\"target_rss_bytes\"", "\"unit\":\"bytes\"");
        assertThat(Files.readString(run.dir().resolve(Target.LOG_FILE))).contains("sink listening on 127.0.0.1:");
    }

    @Test
    void aPythonSinkThatDropsEveryBodyIsAPlateau() throws IOException {
        Run run = soakSink("drop");

        assertThat(Plateau.verdictOf(run, "target_rss_bytes")).isEqualTo("plateau");
        assertThat(Plateau.verdictOf(run, "sink_kept_bytes")).isEqualTo("plateau");
        assertThat(ProcessHandle.of(run.meta().path("target").path("pid").asLong()).map(ProcessHandle::isAlive))
                .as("the sink was stopped at the end").isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void plateauCollectAsASeparateJvmIsJudgedPerRequestAndPerRecord() throws IOException {
        Path scenario = Plateau.scenario(scenarios, "collect", 120, 40, 50);
        String command = Plateau.javaCommand() + " collect --port {port} --monitor-port {metrics_port} --shrink off";
        String[] target = {"--quiet", "--ready-timeout", "60", "--target-command", command,
            "--target-url", "http://127.0.0.1:{port}/",
            "--target-metrics", "http://127.0.0.1:{metrics_port}/api/v1/metrics/prometheus",
            "--metric", "target_rss_bytes,plateau_connection_buffer_bytes"};

        Plateau perRequest = new Plateau(runs.resolve("req"));
        int rc = perRequest.run("soak", concat(new String[] {"--scenario", scenario.toString()}, target));
        System.out.print(perRequest.out);
        assertThat(rc).as(perRequest.err.toString()).isZero();
        Run run = perRequest.onlyRun();
        // the names its monitor endpoint serves, as scraped
        assertThat(run.table().has("plateau_records_in_total")).isTrue();
        assertThat(run.table().has("plateau_requests_total{code=\"201\"}")).isTrue();
        assertThat(run.table().has("plateau_connection_buffer_bytes")).isTrue();
        double[] ok = run.column("plateau_requests_total{code=\"201\"}");
        assertThat(ok[ok.length - 1]).isEqualTo(120);
        assertThat(perRequest.out.toString()).contains("B/req");

        Plateau perRecord = new Plateau(runs.resolve("rec"));
        rc = perRecord.run("soak", concat(new String[] {"--scenario", scenario.toString(), "--per", "record",
            "--work-series", "plateau_records_in_total"}, target));
        System.out.print(perRecord.out);
        assertThat(rc).as(perRecord.err.toString()).isZero();
        assertThat(perRecord.out.toString()).contains("B/rec").contains("plateau_connection_buffer_bytes");
        assertThat(perRecord.onlyRun().meta().path("summary").path("per").asText()).isEqualTo("rec");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
