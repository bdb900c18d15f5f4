package dev.plateau.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code plateau collect} as a real process: SIGTERM drains and exits 0, port in use exits 1, bad flag exits 2. */
class CollectProcessTest {

    private static Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    @Test
    void sigtermDrainsPrintsSummaryAndExitsZero() throws Exception {
        Process p = start("collect", "--port", "0", "--monitor-port", "0", "--flush", "1h");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            Matcher m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(String.valueOf(first));
            assertThat(m.matches()).as(first).isTrue();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + m.group(1) + "/proc")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[{\"a\":1},{\"a\":2},{\"a\":3}]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(201);
            p.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of the pipes
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            List<String> rest = out.lines().toList();
            assertThat(rest).contains("stopped: 1 requests (2xx 1, 4xx 0, 5xx 0), records in 3, out 3, dropped 0");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void portInUseExitsOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Process p = start("collect", "--port", Integer.toString(taken.getLocalPort()), "--monitor-port", "0");
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).isEqualTo(1);
            assertThat(output).contains("is in use");
        }
    }

    @Test
    void badValueExitsTwo() throws Exception {
        Process p = start("collect", "--buffer-max-size", "lots");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(output.strip().lines()).singleElement().asString().contains("--buffer-max-size");
    }
}
