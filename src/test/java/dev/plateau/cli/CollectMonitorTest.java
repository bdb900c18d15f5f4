package dev.plateau.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code plateau collect --monitor-port P} serves the monitoring endpoint next to the collector. */
class CollectMonitorTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final HttpClient http = HttpClient.newHttpClient();

    private CommandLine cli() {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void monitorAnswersWhileCollectRunsAndPoliciesSwitchLive() throws Exception {
        int port = freePort();
        CommandLine cmd = cli();
        CollectCommand collect = cmd.getSubcommands().get("collect").getCommand();
        CompletableFuture<Integer> rc = CompletableFuture.supplyAsync(() -> cmd.execute("collect", "--port", "0",
                "--monitor-port", Integer.toString(port)), OwnThread.EXECUTOR);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> collect.monitor() != null);
            String base = "http://127.0.0.1:" + port;
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("ok\n");
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/policies"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"shrink\": true}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(collect.collector().policies().shrink()).isTrue();
            String prom = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/metrics/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(prom).contains("plateau_policy{name=\"shrink\"} 1");
        } finally {
            collect.requestStop();
        }
        assertThat(rc.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains("monitor on http://127.0.0.1:" + port);
    }

    @Test
    void monitorPortInUseFailsCollectWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int rc = cli().execute("collect", "--port", "0", "--monitor-port", Integer.toString(taken.getLocalPort()));
            assertThat(rc).isEqualTo(1);
            assertThat(err.toString()).startsWith("plateau collect: monitor port " + taken.getLocalPort());
        }
    }
}
