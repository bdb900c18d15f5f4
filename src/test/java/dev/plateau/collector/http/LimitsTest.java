package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Queue limit, connection limit, bearer token, header and idle timeouts — on real sockets. */
class LimitsTest {
    private static final String JSON = "application/json";

    @Test
    void answers503WhenQueueIsFullAndLosesNothingOnStop() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.memBufLimit(1).flush(Duration.ofHours(1)));
                RawHttp raw = fx.raw()) {
            assertThat(raw.exchange(RawHttp.post("/q", JSON, "[{\"a\":1},{\"a\":2}]", "")).status()).isEqualTo(201);
            RawHttp.Response full = raw.exchange(RawHttp.post("/q", JSON, "{\"a\":3}", ""));
            assertThat(full.statusLine()).isEqualTo("HTTP/1.1 503 Service Unavailable");
            assertThat(full.body()).startsWith("error: ingestion queue is full (mem_buf_limit ");
            assertThat(fx.collector.counters().recordsInTotal()).isEqualTo(2);
            fx.collector.stop();
            assertThat(fx.collector.counters().recordsOutTotal()).isEqualTo(2);
        }
    }

    @Test
    void refusesConnectionsBeyondMaxConnections() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.maxConnections(1)); RawHttp first = fx.raw()) {
            assertThat(first.exchange(RawHttp.post("/", JSON, "{\"a\":1}", "")).status()).isEqualTo(201);
            try (RawHttp second = fx.raw()) {
                assertThat(second.closedByPeer()).isTrue();
            }
            assertThat(fx.collector.connections().refusedTotal()).isEqualTo(1);
            assertThat(first.exchange(RawHttp.post("/", JSON, "{\"a\":2}", "")).status()).isEqualTo(201);
        }
    }

    @Test
    void requiresBearerTokenWhenConfigured() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.bearerToken("s3cret"))) {
            HttpResponse<String> denied = fx.post("/", JSON, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            assertThat(denied.statusCode()).isEqualTo(401);
            assertThat(denied.body()).isEqualTo("error: unauthorized\n");
            HttpResponse<String> wrong = fx.post("/", JSON, "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                    "Authorization", "Bearer nope");
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> ok = fx.post("/", JSON, "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                    "Authorization", "Bearer s3cret");
            assertThat(ok.statusCode()).isEqualTo(201);
            assertThat(fx.collector.counters().recordsInTotal()).isEqualTo(1);
        }
    }

    @Test
    void closesARequestWhoseHeadDoesNotArriveInTime() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.headerTimeout(Duration.ofMillis(300))); RawHttp raw = fx.raw()) {
            raw.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Ty");
            RawHttp.Response r = raw.read();
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 408 Request Timeout");
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void closesIdleKeepAliveConnectionAfterIdleTimeout() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.idleTimeout(Duration.ofMillis(400))); RawHttp raw = fx.raw()) {
            assertThat(raw.exchange(RawHttp.post("/", JSON, "{\"a\":1}", "")).status()).isEqualTo(201);
            long id = fx.collector.connections().snapshot().get(0).id();
            assertThat(raw.closedByPeer()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> fx.collector.connections().open() == 0);
            assertThat(fx.collector.events().all()).filteredOn(e -> e.kind() == EventKind.IDLE_CLOSE)
                    .extracting(Event::message).singleElement().asString()
                    .matches("conn=" + id + " closed after \\d+\\.\\ds idle");
        }
    }

    @Test
    void idleTimeoutSwitchedOnLiveClosesAnAlreadyIdleConnection() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b); RawHttp raw = fx.raw()) {
            assertThat(raw.exchange(RawHttp.post("/", JSON, "{\"a\":1}", "")).status()).isEqualTo(201);
            assertThat(fx.collector.connections().open()).isEqualTo(1);
            fx.collector.policies().setIdleTimeout(Duration.ofMillis(200));
            assertThat(raw.closedByPeer()).isTrue();
        }
    }
}
