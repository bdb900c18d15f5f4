package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.Profile;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each profile's behaviours against a real Fluent Bit 5.1 when one is found ({@link RealFluentBit#HOW}); the same
 * requests go to the binary and to the clone on profile {@code fluent-bit-5.1}, and their answers must agree. The
 * idle close is compared as the binary's measured close time against the clone's on its injected clock.
 * Profile {@code fluent-bit-4} (no 4.x binary here) is checked against the answers DESIGN.md §1 records.
 */
class ProfileDifferentialTest {
    private static final String JSON = "application/json";
    private static final int MAX = 100_000;

    private static List<String> requests() {
        String big = "[" + ("{\"k\":\"" + "x".repeat(1000) + "\"},").repeat(120) + "{}]";
        return List.of(
                RawHttp.post("/", JSON, "[{\"a\":1},{\"b\":2}]", ""),
                RawHttp.post("/app.logs", JSON, "{\"a\":1}{\"b\":2}", ""),
                RawHttp.post("/", null, "{}", ""),
                RawHttp.post("/", "text/plain", "{}", ""),
                RawHttp.post("/", JSON, "", ""),
                "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n",
                RawHttp.post("/", JSON, "[{\"a\":1},", ""),
                RawHttp.post("/", JSON, "42", ""),
                RawHttp.post("/", "application/x-www-form-urlencoded", "a=1&b=2", ""),
                RawHttp.post("/", JSON, "[{\"k\":\"" + "y".repeat(MAX - 400) + "\"}]", ""),
                RawHttp.post("/", JSON, big, ""));
    }

    /** Status and body of each request, each on a fresh connection. */
    private static List<String> answers(java.net.InetSocketAddress address) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        for (String request : requests()) {
            try (RawHttp raw = new RawHttp(address)) {
                RawHttp.Response r = raw.exchange(request);
                out.add(r.status() + " " + r.body());
            }
        }
        return out;
    }

    @Test
    void profile51_answersEveryRequestAsTheRealBinary() throws Exception {
        Optional<RealFluentBit> real = RealFluentBit.start("buffer_max_size=" + MAX, "buffer_chunk_size=" + MAX / 2);
        assumeTrue(real.isPresent(), RealFluentBit.HOW);
        List<String> expected;
        try (RealFluentBit fb = real.get()) {
            expected = answers(fb.address);
        }
        try (CollectorFixture fx = new CollectorFixture(b -> b.profile(Profile.FLUENT_BIT_5_1).bufferMaxSize(MAX)
                .bufferChunkSize(MAX / 2))) {
            assertThat(answers(fx.collector.address())).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void profile4_answersAsRecordedInDesign() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.profile(Profile.FLUENT_BIT_4).bufferChunkSize(10_000)
                .bufferMaxSize(MAX))) {
            assertThat(answers(fx.collector.address())).containsExactly("201 ", "201 ",
                    "400 error: header 'Content-Type' is not set\n", "400 error: invalid 'Content-Type'\n",
                    "400 error: no payload found\n", "400 error: invalid HTTP method\n",
                    "400 error: unable to process records\n", "400 error: unable to process records\n", "201 ",
                    "201 ", "413 ");
        }
    }

    @Test
    void profile51_closesAnIdleConnectionWhenTheRealBinaryDoes() throws Exception {
        Optional<RealFluentBit> real = RealFluentBit.start();
        assumeTrue(real.isPresent(), RealFluentBit.HOW);
        long closedAfterMillis;
        try (RealFluentBit fb = real.get(); RawHttp raw = new RawHttp(fb.address, 30_000)) {
            assertThat(raw.exchange(RawHttp.post("/", JSON, "{}", "")).status()).isEqualTo(201);
            long t0 = System.nanoTime();
            assertThat(raw.closedByPeer()).isTrue();
            closedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        }
        assertThat(closedAfterMillis).as("the real binary's idle close").isBetween(9_000L, 13_000L);

        try (EmbeddedPipeline p = new EmbeddedPipeline(CollectorConfig.builder().profile(Profile.FLUENT_BIT_5_1)
                .port(0).http2(false).build())) {
            IdleSweep sweep = new IdleSweep(p.context, p.ticker);
            p.send(EmbeddedPipeline.post("/", JSON, "{}"));
            p.received();
            long elapsed = 0;
            while (p.channel.isOpen() && elapsed < 60_000) {
                p.ticker.advance(IdleSweep.PERIOD_MILLIS, TimeUnit.MILLISECONDS);
                elapsed += IdleSweep.PERIOD_MILLIS;
                sweep.run();
                p.channel.runPendingTasks();
            }
            assertThat((double) elapsed).as("the clone's idle close on its clock, ms")
                    .isCloseTo(closedAfterMillis, org.assertj.core.data.Percentage.withPercentage(30));
            assertThat(Duration.ofMillis(elapsed)).isBetween(Profile.V5_IDLE_TIMEOUT,
                    Profile.V5_IDLE_TIMEOUT.plusMillis(IdleSweep.PERIOD_MILLIS));
        }
    }

    @Test
    void bufferGrowth_51StartsAt10KiBAndGrowsToTheRequest_4GrowsByChunks() {
        BufferModel v5 = BufferModel.of(CollectorConfig.builder().profile(Profile.FLUENT_BIT_5_1).build());
        BufferModel v4 = BufferModel.of(CollectorConfig.builder().profile(Profile.FLUENT_BIT_4).build());

        assertThat(v5.initial()).isEqualTo(10 * 1024);
        assertThat(v5.grow(10 * 1024, 1_650_000)).isEqualTo(1_650_000);
        assertThat(v5.readBuffer()).isEqualTo(512_000);
        assertThat(v4.initial()).isEqualTo(512_000);
        assertThat(v4.grow(512_000, 1_650_000)).isEqualTo(2_048_000);
        assertThat(v4.grow(512_000, 4_100_000)).isEqualTo(-1);
        assertThat(v4.readBuffer()).isZero();
    }
}
