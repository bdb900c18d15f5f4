package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.collector.BufferModel;
import dev.plateau.collector.ConnectionSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connection-buffer capacity of both buffer models after a 1 MB request, with Fluent Bit's defaults (512K / 4M). */
class BufferModelTest {
    /** One JSON object of exactly 1,000,000 bytes. */
    static String oneMegabyteObject() {
        String head = "{\"msg\":\"";
        String tail = "\"}";
        return head + "x".repeat(1_000_000 - head.length() - tail.length()) + tail;
    }

    private static long capacity(CollectorFixture fx) {
        List<ConnectionSnapshot> s = fx.collector.connections().snapshot();
        assertThat(s).hasSize(1);
        return s.get(0).capacityBytes();
    }

    @Test
    void legacyGrowsInChunksTo1024000() throws Exception {
        String request = RawHttp.post("/big", "application/json", oneMegabyteObject(), "");
        try (CollectorFixture fx = new CollectorFixture(b -> b.bufferModel(BufferModel.LEGACY));
                RawHttp raw = new RawHttp(fx.address(), 60_000)) {
            assertThat(raw.exchange(RawHttp.post("/w", "application/json", "{\"warm\":1}", "")).status()).isEqualTo(201);
            assertThat(capacity(fx)).isEqualTo(512_000);
            assertThat(raw.exchange(request).status()).isEqualTo(201);
            assertThat(capacity(fx)).as("two 512K chunks").isEqualTo(1_024_000);
        }
    }

    @Test
    void v5StartsAt10KiBAndGrowsToExactlyTheRequest() throws Exception {
        String request = RawHttp.post("/big", "application/json", oneMegabyteObject(), "");
        try (CollectorFixture fx = new CollectorFixture(b -> b.bufferModel(BufferModel.V5));
                RawHttp raw = new RawHttp(fx.address(), 60_000)) {
            assertThat(raw.exchange(RawHttp.post("/w", "application/json", "{\"warm\":1}", "")).status()).isEqualTo(201);
            assertThat(capacity(fx)).isEqualTo(10_240);
            assertThat(raw.exchange(request).status()).isEqualTo(201);
            assertThat(capacity(fx)).as("request line + headers + body, no rounding")
                    .isEqualTo(request.getBytes(StandardCharsets.ISO_8859_1).length);
            assertThat(raw.exchange(RawHttp.post("/s", "application/json", "{\"small\":1}", "")).status()).isEqualTo(201);
            assertThat(capacity(fx)).as("kept after the request, like upstream")
                    .isEqualTo(request.getBytes(StandardCharsets.ISO_8859_1).length);
            assertThat(fx.collector.counters().recordsInTotal()).isEqualTo(3);
        }
    }

    @Test
    void v5StillAnswers413PastBufferMaxSize() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.bufferModel(BufferModel.V5).bufferChunkSize(10_000).bufferMaxSize(50_000));
                RawHttp raw = new RawHttp(fx.address(), 60_000)) {
            String body = "{\"m\":\"" + "y".repeat(60_000) + "\"}";
            assertThat(raw.exchange(RawHttp.post("/", "application/json", body, "")).status()).isEqualTo(413);
        }
    }

    @Test
    void v5ShrinkPolicyGoesBackTo10KiB() throws Exception {
        String request = RawHttp.post("/big", "application/json", oneMegabyteObject(), "");
        try (CollectorFixture fx = new CollectorFixture(b -> b.bufferModel(BufferModel.V5).bufferChunkSize(100_000).shrink(true));
                RawHttp raw = new RawHttp(fx.address(), 60_000)) {
            assertThat(raw.exchange(request).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(5)).until(() -> capacity(fx) == 10_240);
            assertThat(fx.collector.connections().snapshot().get(0).highWaterBytes())
                    .isEqualTo(request.getBytes(StandardCharsets.ISO_8859_1).length);
        }
    }
}
