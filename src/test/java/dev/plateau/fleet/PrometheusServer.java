package dev.plateau.fleet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's 2.42, {@code /usr/bin/prometheus}) on a free loopback port with its own TSDB folder,
 * started by a test and stopped by {@link #close()}. Tests skip, saying how to enable them, when the binary is absent.
 */
public final class PrometheusServer implements AutoCloseable {
    private final Process process;
    private final URI url;
    private final Path log;

    private PrometheusServer(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Path of {@code name} ($PROMETHEUS / $PROMTOOL, then PATH, then /usr/bin); skips the test when absent. */
    public static String binary(String name) {
        String env = System.getenv(name.toUpperCase(java.util.Locale.ROOT));
        List<Path> candidates = new ArrayList<>();
        if (env != null) {
            candidates.add(Path.of(env));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, name));
            }
        }
        candidates.add(Path.of("/usr/bin", name));
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        org.junit.jupiter.api.Assumptions.abort(name + " not found: install Debian's prometheus package (apt-get install prometheus),"
                + " or set $" + name.toUpperCase(java.util.Locale.ROOT) + " to the binary");
        return null;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts Prometheus with {@code configYaml} on the TSDB folder {@code data}; returns once it is ready. */
    public static PrometheusServer start(Path dir, String configYaml, Path data) throws IOException {
        String bin = binary("prometheus");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, configYaml);
        Files.createDirectories(data);
        int port = freePort();
        Path log = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder(bin, "--config.file=" + config, "--storage.tsdb.path=" + data,
                "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.retention.time=30d")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(p, URI.create("http://127.0.0.1:" + port), log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> {
                        if (!p.isAlive()) {
                            throw new IllegalStateException("prometheus exited: " + Files.readString(log));
                        }
                        return http.send(HttpRequest.newBuilder(server.url.resolve("/-/ready")).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                    });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public URI url() {
        return url;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
