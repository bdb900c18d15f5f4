package dev.plateau.load.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadMeterTest {
    @Test
    void countsWhatTheSelectedThreadAllocates_andIgnoresOthers() throws Exception {
        ThreadMeter counted = ThreadMeter.start(name -> name.equals("alloc-counted"));
        ThreadMeter ignored = ThreadMeter.start(name -> name.equals("alloc-other"));
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
    void countsCpuTimeOfTheSelectedThread() throws Exception {
        ThreadMeter meter = ThreadMeter.start(name -> name.equals("cpu-counted"));
        long[] sink = new long[1];
        Thread t = new Thread(() -> {
            long end = System.nanoTime() + 50_000_000L;
            long x = 0;
            while (System.nanoTime() < end) {
                x += x * 31 + 7;
            }
            sink[0] = x;
        }, "cpu-counted");
        long[] cpu = new long[1];
        t.start();
        // read while the thread is still alive: a finished thread's counters are gone
        while (t.isAlive()) {
            cpu[0] = Math.max(cpu[0], meter.cpuNanos());
        }
        t.join();

        assertThat(cpu[0]).isGreaterThan(5_000_000L);
        assertThat(sink[0]).isNotZero();
    }

    @Test
    void memoryProbe_readsRssAndDirectMemory() {
        MemoryProbe.Reading r = MemoryProbe.read();
        assertThat(r.rssBytes()).isGreaterThan(10_000_000L);
        assertThat(r.directBytes()).isGreaterThanOrEqualTo(0);
        assertThat(r.heapUsedBytes()).isPositive();
    }
}
