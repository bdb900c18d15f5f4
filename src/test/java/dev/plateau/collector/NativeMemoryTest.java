package dev.plateau.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plateau.telemetry.ProcessMemoryProbe;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
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

    @Test
    void switchingTrimOn_givesBackWhatTheAllocatorAlreadyHoldsFree() {
        assumeTrue(NativeMemory.glibc(), "Trim acts on glibc only (Linux)");
        ProcessMemoryProbe self = ProcessMemoryProbe.self();
        List<Long> blocks = allocateAndTouch(800, 100_000);
        List<Long> kept = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (i % 2 == 0) {
                NativeMemory.free(blocks.get(i));
            } else {
                kept.add(blocks.get(i));
            }
        }
        long holding = self.rssBytes();
        NativeMemory.trimThresholds(true);
        long after = self.rssBytes();
        kept.forEach(NativeMemory::free);

        assertThat(holding - after).as("40 MB of freed 100 KB holes between live blocks leave at the switch")
                .isGreaterThan(30_000_000L);
    }

    private static List<Long> allocateAndTouch(int n) {
        return allocateAndTouch(n, 1_000_000);
    }

    private static List<Long> allocateAndTouch(int n, int size) {
        List<Long> blocks = new ArrayList<>();
        byte[] ones = new byte[size];
        Arrays.fill(ones, (byte) 1);
        for (int i = 0; i < n; i++) {
            long p = NativeMemory.malloc(size);
            NativeMemory.view(p, 0, size).put(ones);
            blocks.add(p);
        }
        return blocks;
    }
}
