package dev.plateau.collector.http;

import dev.plateau.collector.Profile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.EncoderStats;
import dev.plateau.collector.encode.LogEventEncoder;
import org.junit.jupiter.api.Test;

/** The reinit policy as the ingest handler applies it: reset keeps the encoder's allocation, reinit frees it. */
class EncoderPolicyTest {
    private static final String JSON = "application/json";

    @Test
    void resetKeepsTheEncodersHighWaterAllocation() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.profile(Profile.FLUENT_BIT_4).bufferChunkSize(1_000_000).bufferMaxSize(8_000_000));
                RawHttp raw = new RawHttp(fx.address(), 120_000)) {
            EncoderStats stats = fx.collector.encoderStats();
            assertThat(raw.exchange(RawHttp.post("/", JSON, BufferCapacityTest.fiveMegabyteArray(), "")).status()).isEqualTo(201);
            long afterBig = stats.retainedBytes();
            assertThat(afterBig).isGreaterThan(4_000_000);
            assertThat(raw.exchange(RawHttp.post("/", JSON, "{\"a\":1}", "")).status()).isEqualTo(201);
            assertThat(raw.exchange(RawHttp.post("/", JSON, "{\"a\":", "")).status()).isEqualTo(400);
            assertThat(stats.retainedBytes()).isEqualTo(afterBig);
            assertThat(stats.destroysTotal()).isZero();
        }
    }

    @Test
    void reinitFreesTheEncoderAfterSuccessAndAfterEveryError() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.profile(Profile.FLUENT_BIT_4).bufferChunkSize(1_000_000).bufferMaxSize(8_000_000).reinit(true));
                RawHttp raw = new RawHttp(fx.address(), 120_000)) {
            EncoderStats stats = fx.collector.encoderStats();
            assertThat(raw.exchange(RawHttp.post("/", JSON, BufferCapacityTest.fiveMegabyteArray(), "")).status()).isEqualTo(201);
            assertThat(stats.retainedBytes()).isZero();
            long destroys = stats.destroysTotal();
            assertThat(destroys).isPositive();
            assertThat(raw.exchange(RawHttp.post("/", JSON, "[{\"a\":1},2]", "")).status()).isEqualTo(400);
            assertThat(stats.retainedBytes()).isZero();
            assertThat(raw.exchange(RawHttp.post("/", "text/plain", "x", "")).status()).isEqualTo(400);
            assertThat(stats.retainedBytes()).isZero();
            assertThat(stats.destroysTotal()).isGreaterThan(destroys);
        }
    }

    @Test
    void reinitSwitchedLiveFreesOnTheNextRequest() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.profile(Profile.FLUENT_BIT_4)); RawHttp raw = fx.raw()) {
            assertThat(raw.exchange(RawHttp.post("/", JSON, "{\"a\":1}", "")).status()).isEqualTo(201);
            assertThat(fx.collector.encoderStats().retainedBytes()).isEqualTo(LogEventEncoder.INITIAL_CAPACITY);
            fx.collector.policies().setReinit(true);
            assertThat(raw.exchange(RawHttp.post("/", JSON, "{\"a\":1}", "")).status()).isEqualTo(201);
            assertThat(fx.collector.encoderStats().retainedBytes()).isZero();
        }
    }

    @Test
    void profile51_destroysTheEncoderAfterEveryRequestWithReinitOff() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.profile(Profile.FLUENT_BIT_5_1)); RawHttp raw = fx.raw()) {
            assertThat(raw.exchange(RawHttp.post("/", JSON, "{\"a\":1}", "")).status()).isEqualTo(201);

            assertThat(fx.collector.policies().reinit()).isFalse();
            assertThat(fx.collector.encoderStats().retainedBytes()).isZero();
        }
    }
}
