package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.CollectorConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** {@link ConnectionGuard} on an {@code EmbeddedChannel}: admission under {@code max_connections}, bytes counted. */
class ConnectionGuardTest {
    private final IngestContext context = TestContexts.of(
            CollectorConfig.builder().port(0).maxConnections(1).build(), UnpooledByteBufAllocator.DEFAULT, null, null);

    @Test
    void connectionBeyondMax_isClosedAndCountedRefused() {
        EmbeddedChannel first = new EmbeddedChannel(new ConnectionGuard(context));
        EmbeddedChannel second = new EmbeddedChannel(new ConnectionGuard(context));

        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isFalse();
        assertThat(context.connections().refusedTotal()).isEqualTo(1);
        assertThat(context.channels().contains(first)).isTrue();
        assertThat(context.channels().contains(second)).isFalse();
        first.finishAndReleaseAll();
        assertThat(context.admitted().get()).isZero();
        second.finishAndReleaseAll();
    }

    @Test
    void closedConnection_makesRoomForTheNext() {
        EmbeddedChannel first = new EmbeddedChannel(new ConnectionGuard(context));
        first.finishAndReleaseAll();

        EmbeddedChannel next = new EmbeddedChannel(new ConnectionGuard(context));

        assertThat(next.isOpen()).isTrue();
        assertThat(context.connections().refusedTotal()).isZero();
        next.finishAndReleaseAll();
    }

    @Test
    void rawBytes_areCountedAsSentAndPassedOn() {
        EmbeddedChannel ch = new EmbeddedChannel(new ConnectionGuard(context));

        ch.writeInbound(Unpooled.copiedBuffer(new byte[100]));

        assertThat(context.counters().bytesInTotal()).isEqualTo(100);
        ByteBuf passed = ch.readInbound();
        assertThat(passed.readableBytes()).isEqualTo(100);
        passed.release();
        assertThat(ch.finish()).isFalse();
    }
}
