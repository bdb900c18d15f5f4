package dev.plateau.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.telemetry.ProcessMemoryProbe;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {

    @Test
    void freedOneMegabyteBuffersLeaveTheRss_onceTheThresholdIsSet() {
        NativeMemory.applyOnce();
        assertThat(NativeMemory.applied()).as("mallopt(M_MMAP_THRESHOLD) on Linux/glibc").isTrue();
        assertThat(NativeMemory.applyOnce()).as("second call does nothing").isNull();

        ProcessMemoryProbe self = ProcessMemoryProbe.self();
        // first round: frees a 1 MB malloc block, which is what makes plain glibc raise its threshold
        allocateTouchAndFree(4);
        long before = self.rssBytes();
        List<ByteBuf> held = allocateAndTouch(64);
        long peak = self.rssBytes();
        held.forEach(ByteBuf::release);
        long after = self.rssBytes();

        assertThat(peak - before).as("64 touched 1 MB buffers are resident").isGreaterThan(48_000_000L);
        assertThat(peak - after).as("and leave the RSS when freed").isGreaterThan(48_000_000L);
    }

    private static void allocateTouchAndFree(int n) {
        allocateAndTouch(n).forEach(ByteBuf::release);
    }

    private static List<ByteBuf> allocateAndTouch(int n) {
        List<ByteBuf> bufs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ByteBuf b = UnpooledByteBufAllocator.DEFAULT.directBuffer(1_000_000, 1_000_000);
            b.writeZero(1_000_000);
            bufs.add(b);
        }
        return bufs;
    }
}
