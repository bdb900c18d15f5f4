package dev.plateau.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.runs.Run;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a target can fail a run, with real processes: the CLI exits 3 with one line naming the cause (no stack
 * trace), and the run is kept with what was recorded, marked with {@code fault} in {@code run.json}.
 */
class TargetFaultsTest {
    @TempDir
    Path runs;
    @TempDir
    Path scenarios;

    private Plateau plateau;

    @BeforeEach
    void cli() {
        plateau = new Plateau(runs);
    }

    private String fails(String... targetArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--scenario",
                Plateau.scenario(scenarios, "fault", 100, 25, 20).toString(), "--quiet"));
        args.addAll(List.of(targetArgs));
        if (!args.contains("--ready-timeout")) {
            args.addAll(List.of("--ready-timeout", "3"));   // a bad metrics endpoint is retried this long
        }
        int rc = plateau.run("soak", args.toArray(String[]::new));
        String err = plateau.err.toString().strip();
        assertThat(rc).as(err).isEqualTo(3);
        assertThat(err.lines()).as("one line, no stack trace").hasSize(1);
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
        Run run = plateau.onlyRun();
        assertThat(run.fault()).as("run.json marks the fault").isNotBlank();
        assertThat(err).contains(run.fault()).contains("run kept: " + run.dir());
        return err;
    }

    private static String sink(String... extra) {
        return "python3 '" + Plateau.sink() + "' {port} drop " + String.join(" ", extra);
    }

    @Test
    void commandNotFound() throws IOException {
        assertThat(fails("--target-command", "/nonexistent/fluent-bit -c x.conf", "--target-url", "http://127.0.0.1:{port}/"))
                .contains("target command not found or not executable: /nonexistent/fluent-bit");
    }

    @Test
    void exitsBeforeItListens() throws IOException {
        String err = fails("--target-command", "python3 -c \"print('bad config line 3'); raise SystemExit(4)\"",
                "--target-url", "http://127.0.0.1:{port}/");
        assertThat(err).contains("exited with code 4 before it listened on").contains("bad config line 3");
    }

    @Test
    void neverListens() throws IOException {
        assertThat(fails("--target-command", "sleep 30", "--ready-timeout", "1", "--target-url", "http://127.0.0.1:{port}/"))
                .containsPattern("target sleep never listened on 127\\.0\\.0\\.1:[0-9]+ within 1000 ms");
    }

    @Test
    void diesMidRun() throws IOException {
        String err = fails("--target-command", sink("--die-after", "30"), "--target-url", "http://127.0.0.1:{port}/");
        assertThat(err).contains("exited with code 7").contains("dying on purpose after 30 requests");
        assertThat(plateau.onlyRun().table().size()).as("what was recorded is kept").isPositive();
    }

    @Test
    void attachedPidGoneMidRun() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process sink = new ProcessBuilder("python3", Plateau.sink(), Integer.toString(port), "drop").start();
        try {
            CompletableFuture<String> soak = CompletableFuture.supplyAsync(() -> {
                try {
                    return fails("--target-pid", Long.toString(sink.pid()), "--target-url", "http://127.0.0.1:" + port + "/");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> samplesRecorded() > 5);
            sink.destroyForcibly().waitFor();

            assertThat(soak.get()).contains("target process " + sink.pid() + " is gone");
        } finally {
            sink.destroyForcibly();
        }
    }

    private long samplesRecorded() throws IOException {
        if (!Files.isDirectory(plateau.runsRoot())) {
            return 0;
        }
        try (var dirs = Files.list(plateau.runsRoot())) {
            for (Path d : dirs.toList()) {
                Path csv = d.resolve("samples.csv");
                if (Files.exists(csv)) {
                    return Files.readAllLines(csv).size() - 1;
                }
            }
        }
        return 0;
    }

    @Test
    void metricsEndpointRefused() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(fails("--target-command", sink(), "--target-url", "http://127.0.0.1:{port}/",
                "--target-metrics", "http://127.0.0.1:" + closed + "/metrics"))
                .contains("metrics endpoint http://127.0.0.1:" + closed + "/metrics refused the connection");
    }

    @Test
    void metricsEndpoint404() throws IOException {
        assertThat(fails("--target-command", sink("--metrics", "404"), "--target-url", "http://127.0.0.1:{port}/",
                "--target-metrics", "http://127.0.0.1:{port}/metrics")).contains("/metrics answered HTTP 404");
    }

    @Test
    void metricsEndpointNotPrometheus() throws IOException {
        assertThat(fails("--target-command", sink("--metrics", "html"), "--target-url", "http://127.0.0.1:{port}/",
                "--target-metrics", "http://127.0.0.1:{port}/metrics"))
                .contains("is not Prometheus text: line 1: expected a metric name, found '<html>");
    }

    @Test
    void metricsEndpointServesATenMegabyteLine() throws IOException {
        assertThat(fails("--target-command", sink("--metrics", "longline"), "--target-url", "http://127.0.0.1:{port}/",
                "--target-metrics", "http://127.0.0.1:{port}/metrics")).contains("line 1 is longer than 1048576 bytes");
    }

    @Test
    void metricsEndpointSlowerThanTheInterval() throws IOException {
        assertThat(fails("--target-command", sink("--metrics", "slow"), "--target-url", "http://127.0.0.1:{port}/",
                "--target-metrics", "http://127.0.0.1:{port}/metrics")).contains("answered slower than 1000 ms");
    }
}
