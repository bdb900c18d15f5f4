package dev.plateau.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.Profile;
import dev.plateau.collector.CollectorException;
import dev.plateau.collector.ConnectionStats;
import dev.plateau.events.Event;
import dev.plateau.events.EventLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.Assertions;

/** The monitor over real HTTP. The collector is not started: its registry, counters and policies are real. */
class MonitorServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final EventLog events = new EventLog();
    private Collector collector = new Collector(CollectorConfig.builder().profile(Profile.FLUENT_BIT_4).port(0).build(), events);
    private final Sampler sampler = new Sampler(() -> null, Duration.ofMillis(250), new SampleRing(16), Clock.systemUTC());
    private MonitorServer monitor;

    private MonitorServer start() {
        monitor = new MonitorServer(() -> collector, sampler, "127.0.0.1", 0);
        monitor.start();
        return monitor;
    }

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.stop();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String body, String auth) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + monitor.address().getPort() + path);
    }

    @Test
    void healthIsOk() throws Exception {
        start();
        HttpResponse<String> r = get("/api/v1/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok\n");
        assertThat(monitor.address().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        start();
        assertThat(get("/api/v1/nothing").statusCode()).isEqualTo(404);
        assertThat(put("/api/v1/health", "{}", null).statusCode()).isEqualTo(405);
    }

    @Test
    void prometheusOnBothPathsParsesBack() throws Exception {
        collector.counters().response(201);
        collector.counters().response(201);
        collector.counters().response(413);
        start();
        for (String path : new String[] {"/api/v1/metrics/prometheus", "/api/v2/metrics/prometheus"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValue(PrometheusText.CONTENT_TYPE);
            Map<String, Double> v = PrometheusTextTest.parse(r.body());
            assertThat(v).containsEntry("plateau_requests_total{code=\"201\"}", 2.0)
                    .containsEntry("plateau_requests_total{code=\"413\"}", 1.0);
            assertThat(v.get("process_resident_memory_bytes")).isGreaterThan(10_000_000.0);
        }
    }

    @Test
    void metricsJsonHasEverySampleColumn() throws Exception {
        collector.counters().response(201);
        start();
        HttpResponse<String> r = get("/api/v1/metrics");
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode n = JSON.readTree(r.body());
        for (String column : Sample.COLUMNS) {
            assertThat(n.path("plateau").has(column)).as(column).isTrue();
        }
        assertThat(n.path("plateau").path("rss_bytes").asLong()).isGreaterThan(10_000_000);
        assertThat(n.path("requests_by_code").path("201").asLong()).isEqualTo(1);
        assertThat(n.path("policies").path("shrink").asBoolean()).isFalse();
    }

    @Test
    void connectionsListsLiveBuffers() throws Exception {
        ConnectionStats a = collector.connections().open("127.0.0.1:50001");
        a.capacity(5_000_000);
        a.capacity(1_000_000);
        start();
        JsonNode list = JSON.readTree(get("/api/v1/connections").body());
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("remote").asText()).isEqualTo("127.0.0.1:50001");
        assertThat(list.get(0).path("capacity_bytes").asLong()).isEqualTo(1_000_000);
        assertThat(list.get(0).path("high_water_bytes").asLong()).isEqualTo(5_000_000);
    }

    @Test
    void putPoliciesSwitchesThemAndRecordsEvents() throws Exception {
        start();
        HttpResponse<String> r = put("/api/v1/policies", "{\"shrink\": true, \"reinit\": true, \"idle_timeout\": \"10s\"}", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("idle_timeout").asText()).isEqualTo("10s");
        assertThat(collector.policies().shrink()).isTrue();
        assertThat(collector.policies().reinit()).isTrue();
        assertThat(collector.policies().idleTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(events.all()).extracting(Event::message).contains("shrink on", "reinit on", "idle_timeout 10s");
        assertThat(put("/api/v1/policies", "{\"idle_timeout\": 0}", null).statusCode()).isEqualTo(200);
        assertThat(collector.policies().idleTimeout()).isZero();
    }

    @Test
    void putPolicies_badInput_is400NamingTheProblemAndChangesNothing() throws Exception {
        start();
        HttpResponse<String> unknown = put("/api/v1/policies", "{\"shrink\": true, \"shrinkk\": true}", null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown key 'shrinkk'");
        assertThat(collector.policies().shrink()).isFalse();
        HttpResponse<String> bad = put("/api/v1/policies", "{\"shrink\": tru", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("error: body is not valid JSON");
        assertThat(put("/api/v1/policies", "{\"reinit\": \"yes\"}", null).body()).contains("reinit: must be true or false");
        assertThat(put("/api/v1/policies", "{\"idle_timeout\": \"soon\"}", null).body()).contains("idle_timeout:");
        assertThat(put("/api/v1/policies", "[1]", null).statusCode()).isEqualTo(400);
    }

    @Test
    void putPolicies_withBearerToken_requiresIt() throws Exception {
        collector = new Collector(CollectorConfig.builder().port(0).bearerToken("s3cret").build(), events);
        start();
        assertThat(put("/api/v1/policies", "{\"shrink\": true}", null).statusCode()).isEqualTo(401);
        assertThat(put("/api/v1/policies", "{\"shrink\": true}", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(collector.policies().shrink()).isFalse();
        assertThat(put("/api/v1/policies", "{\"shrink\": true}", "Bearer s3cret").statusCode()).isEqualTo(200);
        assertThat(collector.policies().shrink()).isTrue();
    }

    @Test
    void noCollectorMeansZerosAnd503ForPolicies() throws Exception {
        collector = null;
        start();
        assertThat(PrometheusTextTest.parse(get("/api/v1/metrics/prometheus").body()))
                .containsEntry("plateau_connections", 0.0);
        assertThat(put("/api/v1/policies", "{}", null).statusCode()).isEqualTo(503);
    }

    @Test
    void secondServerOnATakenPortFailsClearly() {
        start();
        MonitorServer other = new MonitorServer(() -> collector, sampler, "127.0.0.1", monitor.address().getPort());
        Assertions.assertThatThrownBy(other::start).isInstanceOf(CollectorException.class)
                .hasMessageContaining("monitor port " + monitor.address().getPort());
    }
}
