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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class CollectCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine cli() {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--buffer-chunk-size|abc|--buffer-chunk-size",
        "--shrink|maybe|--shrink",
        "--idle-timeout|soon|--idle-timeout",
        "--port|70000|--port",
        "--port|x|--port",
        "--allocator|magic|--allocator",
        "--file-format|xml|--file-format",
        "--output|ftp://x|--output",
        "--workers|0|--workers",
        "--buffer-chunk-size|8M|--buffer-max-size",
        "--bogus|1|--bogus",
    })
    void badFlagOrValueExitsTwoWithOneLineNamingTheFlag(String flag, String value, String named) {
        int rc = cli().execute("collect", flag, value);
        assertThat(rc).isEqualTo(2);
        String e = err.toString().strip();
        assertThat(e.lines()).hasSize(1);
        assertThat(e).contains(named);
        assertThat(out.toString()).doesNotContain("listening");
    }

    @Test
    void helpAndVersionExitZero() {
        assertThat(cli().execute("--version")).isZero();
        assertThat(out.toString()).contains("plateau " + Main.VERSION);
        assertThat(cli().execute("collect", "--help")).isZero();
        assertThat(out.toString()).contains("--buffer-chunk-size", "--shrink", "--monitor-port");
    }

    @Test
    void portInUseExitsOneWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int rc = cli().execute("collect", "--port", Integer.toString(taken.getLocalPort()), "--monitor-port", "0");
            assertThat(rc).isEqualTo(1);
            assertThat(err.toString()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
    }

    @Test
    void runsUntilStoppedThenDrainsAndPrintsSummary() throws Exception {
        CommandLine cmd = cli();
        CollectCommand collect = cmd.getSubcommands().get("collect").getCommand();
        CompletableFuture<Integer> rc = CompletableFuture.supplyAsync(() -> cmd.execute("collect", "--port", "0",
                "--monitor-port", "0", "--successful-response-code", "202", "--shrink", "on", "--flush", "50ms"),
                OwnThread.EXECUTOR);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains("listening on 127.0.0.1:"));
            assertThat(out.toString()).contains("warning: --successful-response-code 202 is not 200, 201 or 204; using 201");
            Matcher m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(out.toString());
            assertThat(m.find()).isTrue();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + m.group(1) + "/cli")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[{\"a\":1},{\"a\":2}]")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(201);
            collect.collector().policies().setReinit(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> out.toString().contains("[policy] reinit on"));
        } finally {
            collect.requestStop();
        }
        assertThat(rc.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains("stopped: 1 requests (2xx 1, 4xx 0, 5xx 0), records in 2, out 2, dropped 0");
    }

    @Test
    void rewritesConfigOptionNamesAsFlags() {
        assertThat(CollectCommand.flagNames("buffer_chunk_size (8000000) must not be larger than buffer_max_size (4000000)"))
                .isEqualTo("--buffer-chunk-size (8000000) must not be larger than --buffer-max-size (4000000)");
        assertThat(CollectCommand.flagNames("port: must be 0-65535, was 70000")).isEqualTo("--port: must be 0-65535, was 70000");
    }
}
