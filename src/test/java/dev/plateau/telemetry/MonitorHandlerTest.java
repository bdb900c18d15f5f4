package dev.plateau.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.events.EventLog;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link MonitorHandler}'s routes on an {@code EmbeddedChannel}: request objects in, responses out, no socket. */
class MonitorHandlerTest {
    private final Collector collector = new Collector(CollectorConfig.builder().port(0).build(), new EventLog());
    private final Sampler sampler = new Sampler(() -> collector, Duration.ofMillis(250), new SampleRing(16),
            Clock.systemUTC());

    private record Answer(int status, String body) {
    }

    private Answer ask(Collector target, HttpMethod method, String uri, String body) {
        EmbeddedChannel ch = new EmbeddedChannel(new MonitorHandler(() -> target, sampler));
        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)));
        FullHttpResponse res = ch.readOutbound();
        try {
            return new Answer(res.status().code(), res.content().toString(StandardCharsets.UTF_8));
        } finally {
            res.release();
            assertThat(ch.finish()).isFalse();
        }
    }

    @Test
    void health_answersOk() {
        assertThat(ask(collector, HttpMethod.GET, "/api/v1/health?x=1", "")).isEqualTo(new Answer(200, "ok\n"));
    }

    @Test
    void postToAGetRoute_answers405() {
        assertThat(ask(collector, HttpMethod.POST, "/api/v1/health", "").status()).isEqualTo(405);
    }

    @Test
    void unknownPath_answers404NamingIt() {
        assertThat(ask(collector, HttpMethod.GET, "/nope", "")).isEqualTo(new Answer(404, "error: no such endpoint: /nope\n"));
    }

    @Test
    void prometheus_rendersTextWithResidentMemory() {
        assertThat(ask(collector, HttpMethod.GET, "/api/v2/metrics/prometheus", "").body()).contains("process_resident_memory_bytes ");
    }

    @Test
    void policiesPut_switchesShrinkLive() {
        Answer a = ask(collector, HttpMethod.PUT, "/api/v1/policies", "{\"shrink\": true}");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains("\"shrink\":true");
        assertThat(collector.policies().shrink()).isTrue();
    }

    @Test
    void policiesPutWithUnknownKey_answers400AndChangesNothing() {
        Answer a = ask(collector, HttpMethod.PUT, "/api/v1/policies", "{\"shrink\": true, \"bogus\": 1}");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).contains("unknown key 'bogus'");
        assertThat(collector.policies().shrink()).isFalse();
    }

    @Test
    void policiesWithoutCollector_answers503() {
        assertThat(ask(null, HttpMethod.GET, "/api/v1/policies", "").status()).isEqualTo(503);
    }
}
