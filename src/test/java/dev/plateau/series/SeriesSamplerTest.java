package dev.plateau.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Frames from several sources: a slow scrape never holds up the process source; a gone process is a fault. */
class SeriesSamplerTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(boolean slow) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", ex -> {
            try {
                if (slow) {
                    release.await(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "# TYPE work_total counter\nwork_total{name=\"in\"} 42\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    @Test
    void aScrapeSlowerThanTheIntervalDoesNotDelayTheOtherSources() throws IOException {
        PrometheusSource scrape = new PrometheusSource(serve(true), Duration.ofSeconds(20));
        List<Frame> frames = new CopyOnWriteArrayList<>();
        try (SeriesSampler sampler = new SeriesSampler(List.of(new ProcessSource(ProcessHandle.current().pid()), scrape))) {
            sampler.addListener(frames::add);
            long t0 = System.nanoTime();
            sampler.start(Duration.ofMillis(50));
            await().atMost(Duration.ofSeconds(5)).until(() -> frames.size() >= 10);
            double seconds = (System.nanoTime() - t0) / 1e9;

            assertThat(seconds).as("10 frames at 50 ms while the scrape hangs").isLessThan(3);
            assertThat(frames).allSatisfy(f -> assertThat(f.value("target_rss_bytes")).isPositive());
            assertThat(frames.get(frames.size() - 1).values()).doesNotContainKey("work_total{name=\"in\"}");
            assertThat(sampler.fault()).isNull();

            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> frames.get(frames.size() - 1).value("work_total{name=\"in\"}") == 42);
            assertThat(sampler.registry().get("work_total{name=\"in\"}").kind()).isEqualTo(Kind.COUNTER);
        }
    }

    @Test
    void aProcessThatIsGoneBecomesAFaultAndEmptyCells() throws Exception {
        Process p = new ProcessBuilder("sleep", "30").start();
        try (SeriesSampler sampler = new SeriesSampler(List.of(new ProcessSource(p.pid())))) {
            Frame alive = sampler.sampleNow();
            assertThat(alive.value("target_rss_bytes")).isPositive();
            assertThat(alive.value("target_threads")).isEqualTo(1);
            assertThat(alive.value("target_fds")).isGreaterThanOrEqualTo(3);

            p.destroyForcibly().waitFor();
            Frame gone = sampler.sampleNow();

            assertThat(gone.values()).doesNotContainKey("target_rss_bytes");
            assertThat(sampler.fault()).isEqualTo("target process " + p.pid() + " is gone");
        } finally {
            p.destroyForcibly();
        }
    }
}
