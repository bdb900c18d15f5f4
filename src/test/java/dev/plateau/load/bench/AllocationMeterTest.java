package dev.plateau.load.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AllocationMeterTest {
    @Test
    void countsWhatTheSelectedThreadAllocates_andIgnoresOthers() throws Exception {
        AllocationMeter counted = AllocationMeter.start(name -> name.equals("alloc-counted"));
        AllocationMeter ignored = AllocationMeter.start(name -> name.equals("alloc-other"));
        CountDownLatch done = new CountDownLatch(1);
        byte[][] keep = new byte[1][];
        Thread t = new Thread(() -> {
            keep[0] = new byte[4 * 1024 * 1024];
            done.countDown();
            try {
                Thread.currentThread().join(); // stay alive until interrupted, so the counter can be read
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "alloc-counted");
        t.setDaemon(true);
        t.start();
        done.await();

        assertThat(counted.allocatedBytes()).isGreaterThanOrEqualTo(4L * 1024 * 1024);
        assertThat(ignored.allocatedBytes()).isZero();
        assertThat(keep[0]).hasSize(4 * 1024 * 1024);
        t.interrupt();
        t.join();
    }

    @Test
    void memoryProbe_readsRssAndDirectMemory() {
        MemoryProbe.Reading r = MemoryProbe.read();
        assertThat(r.rssBytes()).isGreaterThan(10_000_000L);
        assertThat(r.directBytes()).isGreaterThanOrEqualTo(0);
        assertThat(r.heapUsedBytes()).isPositive();
    }
}
