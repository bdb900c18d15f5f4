package dev.plateau.fleet;

import static org.awaitility.Awaitility.await;

import dev.plateau.cli.Main;
import dev.plateau.events.EventLog;
import dev.plateau.load.BurstHandle;
import dev.plateau.load.BurstRunner;
import dev.plateau.load.BurstSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Three real {@code plateau collect} processes (separate JVMs) scraped every second by a real Prometheus, under
 * the same leaking client: one request of 100 records every 500 ms, each on a new keep-alive connection that the
 * client then abandons. All three run the fluent-bit-4 profile (chunk-sized buffers). The first keeps upstream 4.x
 * defaults (no shrink, no idle timeout): every abandoned
 * connection keeps its 512 KB buffer. The other two shrink and close connections idle for 1 s: they plateau.
 * Used by {@link FleetLiveTest} and, kept running, for the console screenshot ({@link #main}).
 */
final class CollectorFleet implements AutoCloseable {
    static final int REQUESTS = 110;
    static final int LINES = 100;
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private final List<Process> collectors = new ArrayList<>();
    private final List<String> monitors = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final BurstRunner runner = new BurstRunner(new EventLog());
    private final List<BurstHandle> bursts = new ArrayList<>();
    private PrometheusServer prometheus;

    /** Starts the three collectors and Prometheus, and waits until Prometheus scrapes all three. */
    static CollectorFleet start(Path dir) throws Exception {
        PrometheusServer.binary("prometheus"); // skips before any collector starts when it is absent
        CollectorFleet f = new CollectorFleet();
        try {
            f.collector("--profile", "fluent-bit-4", "--shrink", "off", "--idle-timeout", "0s");
            f.collector("--profile", "fluent-bit-4", "--shrink", "on", "--idle-timeout", "1s");
            f.collector("--profile", "fluent-bit-4", "--shrink", "on", "--idle-timeout", "1s");
            String targets = String.join(", ", f.monitors.stream().map(m -> "'" + m + "'").toList());
            f.prometheus = PrometheusServer.start(dir, "global: {scrape_interval: 1s, scrape_timeout: 1s}\n"
                    + "scrape_configs:\n  - job_name: plateau\n    metrics_path: /api/v1/metrics/prometheus\n"
                    + "    static_configs:\n      - targets: [" + targets + "]\n", dir.resolve("data"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> f.instant("count(up == 1)") >= 3);
            return f;
        } catch (Exception | AssertionError e) {
            f.close();
            throw e;
        }
    }

    private void collector(String... policy) throws IOException {
        int monitor = PrometheusServer.freePort();
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "collect", "--port", "0", "--monitor-port", Integer.toString(monitor)));
        cmd.addAll(List.of(policy));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        collectors.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.matches()) {
                ports.add(Integer.parseInt(m.group(1)));
                break;
            }
        }
        if (line == null) {
            throw new IOException("plateau collect " + String.join(" ", policy) + " exited before listening");
        }
        CompletableFuture.runAsync(() -> out.lines().forEach(l -> { })); // keep draining its output
        monitors.add("127.0.0.1:" + monitor);
    }

    /** Starts the same leaking client against every collector. */
    void startBursts() {
        for (int port : ports) {
            bursts.add(runner.start(new BurstSpec(URI.create("http://127.0.0.1:" + port + "/app"), REQUESTS, 500, 0, 1, 1,
                    true, false, LINES, null, false, null, Duration.ofSeconds(30))));
        }
    }

    /** Waits for the bursts to end and for Prometheus to have scraped every collector after that. */
    void awaitBursts() {
        CompletableFuture.allOf(bursts.stream().map(BurstHandle::result).toArray(CompletableFuture[]::new))
                .orTimeout(120, TimeUnit.SECONDS).join();
        long ended = java.time.Instant.now().getEpochSecond();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> instant("min(timestamp(plateau_records_in_total))") > ended + 1);
    }

    /** The value of an instant query (NaN when empty). */
    double instant(String query) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(prometheus.url().resolve(
                "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"value\":\\[[^,]+,\"([^\"]+)\"\\]").matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    URI prometheus() {
        return prometheus.url();
    }

    /** The {@code instance} label of the leaking collector. */
    String leaky() {
        return monitors.get(0);
    }

    List<String> instances() {
        return List.copyOf(monitors);
    }

    @Override
    public void close() {
        bursts.forEach(BurstHandle::cancel);
        bursts.forEach(BurstHandle::closeHeld);
        runner.close();
        for (Process p : collectors) {
            p.destroy();
        }
        for (Process p : collectors) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    /**
     * Keeps a fleet running for a look at the console: prints the Prometheus URL, runs the bursts, then writes the
     * URL to the file {@code args[0]} and stops everything once that file is deleted.
     */
    public static void main(String[] args) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("plateau-fleet-demo");
        Path flag = Path.of(args[0]);
        try (CollectorFleet f = start(dir)) {
            System.out.println("prometheus " + f.prometheus() + " instances " + f.instances() + " (leaky: " + f.leaky() + ")");
            f.startBursts();
            f.awaitBursts();
            java.nio.file.Files.writeString(flag, f.prometheus().toString());
            System.out.println("bursts done; delete " + flag + " to stop");
            await().forever().pollInterval(Duration.ofSeconds(1)).until(() -> !java.nio.file.Files.exists(flag));
        }
    }
}
