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
        java.util.concurrent.CountDownLatch burned = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(() -> {
            // burn 20 ms of this thread's own CPU time, however busy the machine is
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long x = 0;
            while (mx.getCurrentThreadCpuTime() < 20_000_000L) {
                for (int i = 0; i < 10_000; i++) {
                    x += x * 31 + 7;
                }
            }
            sink[0] = x;
            burned.countDown();
            try {
                release.await(); // stay alive while the meter reads: a finished thread's counters are gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cpu-counted");
        t.start();
        burned.await(30, java.util.concurrent.TimeUnit.SECONDS);
        long cpu = meter.cpuNanos();
        release.countDown();
        t.join();

        assertThat(cpu).isGreaterThanOrEqualTo(20_000_000L);
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
