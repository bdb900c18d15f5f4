package dev.plateau.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Fluent Bit's {@code Retry_Limit} values and the http output's {@code compress}. */
class RetryLimitTest {
    @Test
    void parsesCountsNoLimitsAndNoRetries() {
        assertThat(CollectorConfig.parseRetryLimit("3")).isEqualTo(3);
        assertThat(CollectorConfig.parseRetryLimit(" no_limits ")).isEqualTo(CollectorConfig.UNLIMITED_RETRIES);
        assertThat(CollectorConfig.parseRetryLimit("False")).isEqualTo(CollectorConfig.UNLIMITED_RETRIES);
        assertThat(CollectorConfig.parseRetryLimit("no_retries")).isZero();
        assertThatThrownBy(() -> CollectorConfig.parseRetryLimit("-2")).hasMessageContaining("retry_limit");
        assertThatThrownBy(() -> CollectorConfig.parseRetryLimit("often")).hasMessageContaining("retry_limit");
    }

    @Test
    void defaultsAreFluentBits() {
        CollectorConfig c = CollectorConfig.builder().build();
        assertThat(c.retryLimit()).isEqualTo(1);
        assertThat(c.outputCompress()).isEqualTo("none");
        assertThat(c.http2()).isTrue();
        assertThat(c.bufferModel()).isEqualTo("v5");
    }

    @Test
    void rejectsUnknownCompression() {
        assertThatThrownBy(() -> CollectorConfig.builder().outputCompress("br").build()).hasMessageContaining("compress");
    }
}
