package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.telemetry.MonitorServer;
import dev.plateau.telemetry.Sampler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring server the way {@code collect} starts it (on the collector's {@code listen} address): loopback
 * by default, and with a bearer token set, {@code PUT /api/v1/policies} without the right token is answered 401
 * and changes nothing.
 */
class MonitorSecurityTest {
    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void monitorListensOnLoopbackAndPolicyChangesNeedTheBearerToken() throws Exception {
        try (AttackedCollector c = AttackedCollector.start(dir, b -> b.bearerToken("s3cret-token").shrink(false));
             MonitorServer monitor = new MonitorServer(c::collector, new Sampler(c::collector),
                     CollectorConfig.builder().build().listen(), 0)) {
            monitor.start();
            assertThat(monitor.address().getAddress().isLoopbackAddress()).as("monitor bound to %s", monitor.address())
                    .isTrue();
            URI policies = URI.create("http://127.0.0.1:" + monitor.address().getPort() + "/api/v1/policies");
            for (String auth : new String[] {null, "Bearer wrong", "bearer s3cret-token", "Bearer s3cret-tokenX", "Bearer  s3cret-token"}) {
                HttpRequest.Builder rb = HttpRequest.newBuilder(policies).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"shrink\": true}"));
                if (auth != null) {
                    rb.header("Authorization", auth);
                }
                HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("PUT policies with Authorization: %s", auth).isEqualTo(401);
                assertThat(c.collector().policies().shrink()).as("policy unchanged after a 401").isFalse();
            }
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(policies).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer s3cret-token")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"shrink\": true}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).as("%s", ok.body()).isEqualTo(200);
            assertThat(c.collector().policies().shrink()).isTrue();
        }
    }
}
