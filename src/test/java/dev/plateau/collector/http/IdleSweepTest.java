package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.events.EventKind;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link IdleSweep} and {@link ConnectionBuffer#sweep} on an {@code EmbeddedChannel} whose event loop runs on a mock
 * ticker that the sweep shares: ten seconds of idleness pass in no time.
 */
class IdleSweepTest {
    private final EmbeddedPipeline p = new EmbeddedPipeline(CollectorConfig.builder().port(0).http2(false)
            .idleTimeout(Duration.ofSeconds(10)).headerTimeout(Duration.ofSeconds(5)).build());
    private final IdleSweep sweep = new IdleSweep(p.context, p.ticker);

    @AfterEach
    void finish() {
        p.close();
    }

    private void after(long millis) {
        p.ticker.advance(millis, TimeUnit.MILLISECONDS);
        sweep.run();
        p.channel.runPendingTasks();
    }

    @Test
    void connectionThatNeverSent_isClosedOnceIdlePastTimeout() {
        after(9_900);
        assertThat(p.channel.isOpen()).isTrue();

        after(200);

        assertThat(p.channel.isOpen()).isFalse();
        assertThat(p.context.events().all()).anyMatch(e -> e.kind() == EventKind.IDLE_CLOSE
                && e.message().endsWith("closed after 10.1s idle"));
    }

    @Test
    void idleClockStartsAgainAfterEachRequest() {
        after(9_000);
        p.send(EmbeddedPipeline.post("/", "application/json", "{}"));
        assertThat(p.received()).startsWith("HTTP/1.1 201");

        after(9_000);
        assertThat(p.channel.isOpen()).isTrue();
        after(1_100);

        assertThat(p.channel.isOpen()).isFalse();
    }

    @Test
    void idleTimeoutSwitchedOff_keepsConnectionOpen() {
        p.context.policies().setIdleTimeout(Duration.ZERO);

        after(60_000);

        assertThat(p.channel.isOpen()).isTrue();
    }

    @Test
    void headThatDoesNotComplete_gets408AndClose() {
        p.send("POST / HTTP/1.1\r\nHo");

        after(4_900);
        assertThat(p.received()).isEmpty();
        after(200);

        assertThat(p.received()).startsWith("HTTP/1.1 408 Request Timeout\r\n");
        // an EmbeddedChannel has no half-close, so no linger: closed at once (LimitsTest covers the socket's linger)
        assertThat(p.channel.isOpen()).isFalse();
    }
}
