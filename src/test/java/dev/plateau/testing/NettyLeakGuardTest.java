package dev.plateau.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

/** Proves the guard sees a real leak: without this, a silent guard would keep the build green. */
class NettyLeakGuardTest {

    @Test
    void leakDetectionIsParanoidInTests() {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void detectsAnUnreleasedBuffer() throws Exception {
        NettyLeakGuard.collectAndPoll();
        NettyLeakGuard.takeReports();
        System.err.println("NettyLeakGuardTest: the LEAK report below is provoked on purpose to prove the guard works");
        leakOne();
        NettyLeakGuard.collectAndPoll();
        assertThat(NettyLeakGuard.takeReports()).anySatisfy(r -> assertThat(r).startsWith("LEAK:"));
    }

    private static void leakOne() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
        // deliberately not released; the reference dies with this frame
    }
}
