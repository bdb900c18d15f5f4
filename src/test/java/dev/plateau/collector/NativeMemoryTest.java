package dev.plateau.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plateau.telemetry.ProcessMemoryProbe;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link NativeMemory}: the C allocator through JNA and the Trim policy's thresholds. The RSS check compares this
 * process with itself around a 64 MB allocation (no exact allocator figure is asserted).
 */
class NativeMemoryTest {
    @AfterEach
    void trimOff() {
        NativeMemory.trimThresholds(false);
    }

    @Test
    void mallocReallocFree_keepTheBytes() {
        long p = NativeMemory.malloc(16);
        NativeMemory.view(p, 0, 16).put(new byte[] {1, 2, 3, 4});
        p = NativeMemory.realloc(p, 4_000_000);
        ByteBuffer moved = NativeMemory.view(p, 0, 4);

        assertThat(new byte[] {moved.get(), moved.get(), moved.get(), moved.get()}).containsExactly(1, 2, 3, 4);
        NativeMemory.free(p);
    }

    @Test
    void trimOn_freedOneMegabyteBlocksLeaveTheRss() {
        assumeTrue(NativeMemory.glibc(), "Trim acts on glibc only (Linux)");
        assertThat(NativeMemory.trimThresholds(true)).as("mallopt accepted the thresholds").isTrue();
        ProcessMemoryProbe self = ProcessMemoryProbe.self();
        long before = self.rssBytes();
        List<Long> held = allocateAndTouch(64);
        long peak = self.rssBytes();
        held.forEach(NativeMemory::free);
        NativeMemory.trim();
        long after = self.rssBytes();

        assertThat(peak - before).as("64 touched 1 MB blocks are resident").isGreaterThan(48_000_000L);
        assertThat(peak - after).as("and leave the RSS when freed under Trim").isGreaterThan(48_000_000L);
    }

    private static List<Long> allocateAndTouch(int n) {
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long p = NativeMemory.malloc(1_000_000);
            NativeMemory.view(p, 0, 1_000_000).put(new byte[1_000_000]);
            blocks.add(p);
        }
        return blocks;
    }
}
