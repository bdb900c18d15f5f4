package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.AllocatorKind;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.Profile;
import java.util.List;
import dev.plateau.collector.encode.LogEventEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** successful_response_code and success_header, on a real socket. */
class OptionsTest {

    @Test
    void answers204WithoutBodyAndSuccessHeaders() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.successfulResponseCode(204)
                .successHeaders(List.of(CollectorConfig.Header.parse("X-Ingest accepted"), CollectorConfig.Header.parse("X-Two 2"))));
                RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange(RawHttp.post("/", "application/json", "{\"a\":1}", ""));
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 204 No Content");
            assertThat(r.header("X-Ingest")).isEqualTo("accepted");
            assertThat(r.header("X-Two")).isEqualTo("2");
            assertThat(r.body()).isEmpty();
            RawHttp.Response again = raw.exchange(RawHttp.post("/", "application/json", "{\"a\":2}", ""));
            assertThat(again.status()).isEqualTo(204);
        }
    }

    @Test
    void answers200WhenConfigured() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.successfulResponseCode(200)); RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange(RawHttp.post("/", "application/json", "{\"a\":1}", ""));
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(r.header("Content-Length")).isEqualTo("0");
        }
    }

    @Test
    void successHeadersAreNotOnErrors() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.successHeaders(List.of(CollectorConfig.Header.parse("X-Ok yes"))));
                RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange(RawHttp.post("/", "text/plain", "x", ""));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("X-Ok")).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unpooled", "pooled", "adaptive"})
    void everyAllocatorGrowsAndKeepsExactChunkMultiples(String allocator) throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.profile(Profile.FLUENT_BIT_4).allocator(AllocatorKind.valueOf(allocator.toUpperCase(java.util.Locale.ROOT))).bufferChunkSize(10_000).bufferMaxSize(100_000));
                RawHttp raw = fx.raw()) {
            String body = "[" + "{\"a\":1},".repeat(3000) + "{\"a\":2}]";
            assertThat(raw.exchange(RawHttp.post("/", "application/json", body, "")).status()).isEqualTo(201);
            assertThat(fx.collector.connections().snapshot().get(0).capacityBytes()).isEqualTo(30_000);
            assertThat(fx.collector.counters().recordsInTotal()).isEqualTo(3001);
        }
    }

    @Test
    void twoWorkersUseOneEncoderPerEventLoop() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.profile(Profile.FLUENT_BIT_4).workers(2)); RawHttp a = fx.raw(); RawHttp b = fx.raw()) {
            assertThat(a.exchange(RawHttp.post("/a", "application/json", "{\"a\":1}", "")).status()).isEqualTo(201);
            assertThat(b.exchange(RawHttp.post("/b", "application/json", "{\"b\":1}", "")).status()).isEqualTo(201);
            assertThat(a.exchange(RawHttp.post("/a", "application/json", "{\"a\":2}", "")).status()).isEqualTo(201);
            assertThat(fx.collector.encoderStats().retainedBytes()).isEqualTo(2L * LogEventEncoder.INITIAL_CAPACITY);
            assertThat(fx.collector.counters().recordsInTotal()).isEqualTo(3);
        }
    }
}
