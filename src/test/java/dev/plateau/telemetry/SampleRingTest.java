package dev.plateau.telemetry;

import static dev.plateau.telemetry.TestSamples.connections;
import static dev.plateau.telemetry.TestSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleRingTest {

    @Test
    void keepsEverySampleUntilFull() {
        SampleRing ring = new SampleRing(8);
        for (int i = 0; i < 8; i++) {
            ring.add(sample(i, i, i, i));
        }
        assertThat(ring.snapshot()).extracting(Sample::epochMillis).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(ring.latest().epochMillis()).isEqualTo(7);
    }

    @Test
    void thinsTheOlderHalfWhenFull() {
        SampleRing ring = new SampleRing(8);
        for (int i = 0; i < 9; i++) {
            ring.add(sample(i, i, i, i));
        }
        assertThat(ring.snapshot()).extracting(Sample::epochMillis).containsExactly(0L, 2L, 4L, 5L, 6L, 7L, 8L);
        assertThat(ring.addedTotal()).isEqualTo(9);
    }

    @Test
    void millionSamplesStayWithinCapacityAndCoverAllTime() {
        SampleRing ring = new SampleRing(2_000);
        long heapAt100k = 0;
        for (int i = 0; i < 1_000_000; i++) {
            ring.add(sample(1_000_000L + i, i / 4.0, i, i));
            assertThat(ring.size()).isLessThanOrEqualTo(2_000);
            if (i == 100_000) {
                heapAt100k = usedHeapAfterGc();
            }
        }
        long growth = usedHeapAfterGc() - heapAt100k;
        List<Sample> all = ring.snapshot();
        assertThat(all.size()).isBetween(1_500, 2_000);
        assertThat(all.get(0).epochMillis()).isEqualTo(1_000_000L);
        assertThat(all.get(all.size() - 1).epochMillis()).isEqualTo(1_999_999L);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).epochMillis()).isGreaterThan(all.get(i - 1).epochMillis());
        }
        long oldestGap = all.get(1).epochMillis() - all.get(0).epochMillis();
        long newestGap = all.get(all.size() - 1).epochMillis() - all.get(all.size() - 2).epochMillis();
        assertThat(newestGap).isEqualTo(1);
        assertThat(oldestGap).isGreaterThan(100);
        // 900,000 more samples kept unbounded would retain ~250 MB; the ring retains the same ~2,000.
        assertThat(growth).isLessThan(32_000_000);
        System.out.printf("SampleRing: 1,000,000 samples -> %d kept; used heap after GC grew %,d bytes from 100k to 1M%n",
                all.size(), growth);
        assertThat(ring.addedTotal()).isEqualTo(1_000_000);
    }

    @Test
    void onlyTheLatestSampleKeepsItsConnections() {
        SampleRing ring = new SampleRing(100);
        for (int i = 0; i < 50; i++) {
            ring.add(sample(i, i, i, i, connections(1_000, 1_000_000)));
        }
        List<Sample> all = ring.snapshot();
        long kept = all.stream().mapToLong(s -> s.connections().size()).sum();
        assertThat(kept).isEqualTo(1_000);
        assertThat(ring.latest().connections()).hasSize(1_000);
        assertThat(all.get(0).connOpen()).isEqualTo(1_000);
    }

    @Test
    void latest_empty_returnsNull() {
        assertThat(new SampleRing(4).latest()).isNull();
        assertThatThrownBy(() -> new SampleRing(1)).hasMessageContaining("capacity");
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
