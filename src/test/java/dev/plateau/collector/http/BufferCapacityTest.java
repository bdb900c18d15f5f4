package dev.plateau.collector.http;

import dev.plateau.collector.Profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.collector.ConnectionSnapshot;
import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's scenario: a ~5 MB, 4500-line JSON array on a keep-alive connection, chunk 1M / max 8M. */
class BufferCapacityTest {
    static final int LINES = 4500;

    /** A JSON array of {@code LINES} objects, one per line, about 5,000,000 bytes. */
    static String fiveMegabyteArray() {
        StringBuilder sb = new StringBuilder(5_100_000).append("[\n");
        String pad = "x".repeat(1080);
        for (int i = 0; i < LINES; i++) {
            sb.append("{\"i\":").append(i).append(",\"level\":\"info\",\"msg\":\"").append(pad).append("\"}");
            sb.append(i + 1 < LINES ? ",\n" : "\n");
        }
        return sb.append("]").toString();
    }

    private static long capacity(CollectorFixture fx) {
        List<ConnectionSnapshot> s = fx.collector.connections().snapshot();
        assertThat(s).hasSize(1);
        return s.get(0).capacityBytes();
    }

    @Test
    void fiveMegabyteRequestKeepsSixChunksWithShrinkOff() throws Exception {
        String body = fiveMegabyteArray();
        assertThat(body.length()).isBetween(4_900_000, 5_100_000);
        try (CollectorFixture fx = new CollectorFixture(b -> b.profile(Profile.FLUENT_BIT_4).bufferChunkSize(1_000_000).bufferMaxSize(8_000_000));
                RawHttp raw = new RawHttp(fx.address(), 120_000)) {
            assertThat(raw.exchange(RawHttp.post("/big", "application/json", "{\"warm\":1}", "")).status()).isEqualTo(201);
            assertThat(capacity(fx)).isEqualTo(1_000_000);
            assertThat(raw.exchange(RawHttp.post("/big", "application/json", body, "")).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(5)).until(() -> fx.collector.connections().snapshot().get(0).requests() == 2);
            assertThat(capacity(fx)).isEqualTo(6_000_000);
            assertThat(raw.exchange(RawHttp.post("/big", "application/json", "{\"small\":1}", "")).status()).isEqualTo(201);
            assertThat(capacity(fx)).as("upstream keeps the high-water capacity").isEqualTo(6_000_000);
            assertThat(fx.collector.counters().recordsInTotal()).isEqualTo(LINES + 2);
        }
    }

    @Test
    void fiveMegabyteRequestShrinksBackToOneChunkWithShrinkOn() throws Exception {
        String body = fiveMegabyteArray();
        try (CollectorFixture fx = new CollectorFixture(b -> b.profile(Profile.FLUENT_BIT_4).bufferChunkSize(1_000_000).bufferMaxSize(8_000_000).shrink(true));
                RawHttp raw = new RawHttp(fx.address(), 120_000)) {
            assertThat(raw.exchange(RawHttp.post("/big", "application/json", "{\"warm\":1}", "")).status()).isEqualTo(201);
            assertThat(capacity(fx)).isEqualTo(1_000_000);
            assertThat(raw.exchange(RawHttp.post("/big", "application/json", body, "")).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(5)).until(() -> capacity(fx) == 1_000_000
                    && fx.collector.connections().snapshot().get(0).shrinks() == 1);
            ConnectionSnapshot s = fx.collector.connections().snapshot().get(0);
            assertThat(s.highWaterBytes()).isEqualTo(6_000_000);
            assertThat(fx.collector.events().all()).filteredOn(e -> e.kind() == EventKind.SHRINK).extracting(Event::message)
                    .containsExactly("conn=" + s.id() + " shrunk buffer from 6000000 to 1000000");
            assertThat(fx.collector.counters().recordsInTotal()).isEqualTo(LINES + 1);
        }
    }
}
