package dev.plateau.reliability;

import dev.plateau.collector.Collector;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the peaks of a collector's memory while an attack runs: connection buffer bytes, encoder retained
 * bytes and direct memory (Netty's counter plus the JVM's direct buffer pool), sampled every millisecond on
 * its own thread. Peaks of direct memory are reported as growth over the value when the probe started.
 *
 * <pre>{@code
 * try (PeakProbe probe = PeakProbe.start(collector)) {
 *     ... attack ...
 *     PeakProbe.Peaks p = probe.stop();
 * }
 * }</pre>
 */
final class PeakProbe implements AutoCloseable {
    /** What the probe saw. */
    record Peaks(long connectionBufferBytes, long encoderRetainedBytes, long directBytesGrowth) {
    }

    private final Collector collector;
    private final long directAtStart;
    private final AtomicLong conn = new AtomicLong();
    private final AtomicLong encoder = new AtomicLong();
    private final AtomicLong direct = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "peak-probe");
        t.setDaemon(true);
        return t;
    });

    private PeakProbe(Collector collector) {
        this.collector = collector;
        this.directAtStart = directBytes();
    }

    static PeakProbe start(Collector collector) {
        PeakProbe p = new PeakProbe(collector);
        p.sample();
        p.timer.scheduleAtFixedRate(p::sample, 1, 1, TimeUnit.MILLISECONDS);
        return p;
    }

    /** Direct memory in use: Netty's no-cleaner counter plus the JVM's direct pool. */
    static long directBytes() {
        long pools = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                pools += pool.getMemoryUsed();
            }
        }
        return Math.max(0, PlatformDependent.usedDirectMemory()) + pools;
    }

    private void sample() {
        conn.accumulateAndGet(collector.connections().totalCapacityBytes(), Math::max);
        encoder.accumulateAndGet(collector.encoderStats().retainedBytes(), Math::max);
        direct.accumulateAndGet(directBytes(), Math::max);
    }

    Peaks stop() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        sample();
        return new Peaks(conn.get(), encoder.get(), Math.max(0, direct.get() - directAtStart));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
