package dev.plateau.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Fluent Bit's {@code Retry_Limit} values and the http output's {@code compress}. */
class RetryLimitTest {
    @Test
    void parsesCountsNoLimitsAndNoRetries() {
        assertThat(CollectorOptions.parseRetryLimit("3")).isEqualTo(3);
        assertThat(CollectorOptions.parseRetryLimit(" no_limits ")).isEqualTo(CollectorConfig.UNLIMITED_RETRIES);
        assertThat(CollectorOptions.parseRetryLimit("False")).isEqualTo(CollectorConfig.UNLIMITED_RETRIES);
        assertThat(CollectorOptions.parseRetryLimit("no_retries")).isZero();
        assertThatThrownBy(() -> read("-2")).hasMessageContaining("no_limits");
        assertThatThrownBy(() -> read("often")).hasMessageContaining("no_limits");
    }

    private static int read(String text) {
        return CollectorOptions.RETRY_LIMIT.read(text, w -> { });
    }

    @Test
    void defaultsAreFluentBits() {
        CollectorConfig c = CollectorConfig.builder().build();
        assertThat(c.retryLimit()).isEqualTo(1);
        assertThat(c.outputCompress()).isEqualTo(Compression.NONE);
        assertThat(c.http2()).isTrue();
        assertThat(c.bufferModel()).isEqualTo(BufferModel.V5);
    }

    @Test
    void rejectsUnknownCompression() {
        assertThatThrownBy(() -> CollectorOptions.OUTPUT_COMPRESS.read("br", w -> { })).hasMessageContaining("none, gzip");
    }
}
