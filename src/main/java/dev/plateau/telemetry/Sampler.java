package dev.plateau.telemetry;

import dev.plateau.collector.Collector;
import dev.plateau.collector.ConnectionRegistry;
import dev.plateau.collector.ConnectionSnapshot;
import dev.plateau.collector.EncoderStats;
import dev.plateau.collector.IngestCounters;
import dev.plateau.collector.Policies;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Takes a {@link Sample} at a fixed rate on one daemon thread ({@code plateau-sampler}), stores it in a
 * {@link SampleRing} and hands it to listeners (the run recorder, the UI).
 *
 * <p>What it reads: the collector's {@code ConnectionRegistry} (totals and a snapshot of every connection),
 * {@code EncoderStats}, {@code IngestCounters}, {@code queueBytes()} and {@code Policies}; the JVM's heap
 * ({@code MemoryMXBean}), GC beans (count and time summed over all collectors) and RSS
 * ({@link ProcessMemoryProbe}). {@code direct_used_bytes} is Netty's own counter of direct memory it allocated
 * without a cleaner ({@code PlatformDependent.usedDirectMemory()}, which is where Netty's direct buffers go when
 * Unsafe is available) <b>plus</b> the JVM's {@code direct} buffer pool ({@code ByteBuffer.allocateDirect}: NIO,
 * JDK internals, and Netty buffers when it falls back to cleaner-backed buffers). The two do not overlap.
 * Every read is a volatile or {@code LongAdder} read: the sampler never takes a lock an event loop holds.
 * With no collector (the supplier returns {@code null}) the collector figures are 0. {@code elapsed_s} counts
 * from {@link #start()} (or construction, before it).
 *
 * <pre>{@code
 * Sampler sampler = new Sampler(() -> collector, Duration.ofMillis(250), new SampleRing(14_400), Clock.systemUTC());
 * sampler.addListener(recorder::append);
 * sampler.watch(ProcessMemoryProbe.of(fluentBitPid));   // watched_rss_bytes
 * sampler.start();
 * }</pre>
 */
public final class Sampler implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);

    private final Supplier<Collector> collector;
    private final Duration interval;
    private final SampleRing ring;
    private final Clock clock;
    private final ProcessMemoryProbe self = ProcessMemoryProbe.self();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
    private final BufferPoolMXBean directPool = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(b -> "direct".equals(b.getName())).findFirst().orElse(null);
    private final List<Consumer<Sample>> listeners = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.LongAdder failures = new java.util.concurrent.atomic.LongAdder();
    private volatile Throwable lastFailure;
    private volatile ProcessMemoryProbe watched;
    private volatile long startMillis;
    private ScheduledExecutorService executor;

    public Sampler(Supplier<Collector> collector, Duration interval, SampleRing ring, Clock clock) {
        this.collector = Objects.requireNonNull(collector, "collector");
        this.interval = interval == null ? DEFAULT_INTERVAL : interval;
        if (this.interval.toMillis() < 10) {
            throw new IllegalArgumentException("sample interval: must be >= 10ms, was " + this.interval.toMillis() + "ms");
        }
        this.ring = Objects.requireNonNull(ring, "ring");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startMillis = clock.millis();
    }

    /** Samples at the default 250 ms into a default ring. */
    public Sampler(Supplier<Collector> collector) {
        this(collector, DEFAULT_INTERVAL, new SampleRing(SampleRing.DEFAULT_CAPACITY), Clock.systemUTC());
    }

    /** Starts sampling at a fixed rate (the first sample at once); {@code elapsed_s} counts from now. Idempotent. */
    public synchronized void start() {
        startFrom(clock.millis());
    }

    /**
     * Starts sampling with {@code elapsed_s} counting from {@code startMillis} (wall clock) instead of now — for a
     * benchmark that put an hour of history into the ring first, so the live samples continue its time axis.
     * Idempotent: a running sampler keeps its start.
     */
    public synchronized void startFrom(long startMillis) {
        if (executor != null) {
            return;
        }
        this.startMillis = startMillis;
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plateau-sampler");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(this::tick, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops the sampler thread and waits (briefly) for a running sample to finish. Idempotent. */
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void tick() {
        try {
            recordNow();
        } catch (Throwable t) {
            // A failing listener or probe must not cancel the schedule; the next tick tries again.
            failures.increment();
            lastFailure = t;
        }
    }

    /** Takes a sample, adds it to the ring and tells every listener (on the calling thread). */
    public Sample recordNow() {
        Sample s = sampleNow();
        ring.add(s);
        for (Consumer<Sample> listener : listeners) {
            listener.accept(s);
        }
        return s;
    }

    /** Takes a sample now without recording it (the monitoring endpoint's fresh view). */
    public Sample sampleNow() {
        long now = clock.millis();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        long gcCount = 0;
        long gcTime = 0;
        for (GarbageCollectorMXBean gc : gcs) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcTime += Math.max(0, gc.getCollectionTime());
        }
        ProcessMemoryProbe w = watched;
        long watchedRss = w == null ? -1 : w.rssBytes();
        Collector c = collector.get();
        if (c == null) {
            return new Sample(now, elapsed(now), self.rssBytes(), heap.getUsed(), heap.getCommitted(), directUsed(),
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, gcCount, gcTime, false, false, 0, watchedRss,
                    List.of());
        }
        ConnectionRegistry reg = c.connections();
        List<ConnectionSnapshot> conns = reg.snapshot();
        long capSum = 0;
        long capMax = 0;
        for (ConnectionSnapshot cs : conns) {
            capSum += cs.capacityBytes();
            capMax = Math.max(capMax, cs.capacityBytes());
        }
        EncoderStats enc = c.encoderStats();
        IngestCounters in = c.counters();
        Policies.State p = c.policies().state();
        return new Sample(now, elapsed(now), self.rssBytes(), heap.getUsed(), heap.getCommitted(), directUsed(),
                conns.size(), capSum, capMax, reg.highWaterBytes(),
                enc.retainedBytes(), enc.allocationsTotal(), enc.allocatedBytesTotal(),
                in.requestsTotal(), in.requestsOfClass(2), in.requestsOfClass(4), in.requestsOfClass(5),
                in.recordsInTotal(), in.recordsOutTotal(), in.recordsDroppedTotal(), in.bytesInTotal(),
                c.isRunning() ? c.queueBytes() : 0, gcCount, gcTime, p.shrink(), p.reinit(), p.idleTimeout().toMillis(),
                watchedRss, c.queue().nativeBytes(), conns);
    }

    private double elapsed(long now) {
        return (now - startMillis) / 1000.0;
    }

    private long directUsed() {
        long netty = Math.max(0, PlatformDependent.usedDirectMemory());
        long jvm = directPool == null ? 0 : Math.max(0, directPool.getMemoryUsed());
        return PlatformDependent.useDirectBufferNoCleaner() ? netty + jvm : Math.max(netty, jvm);
    }

    /** Scheduled samples that threw (a failing listener or probe); sampling goes on regardless. */
    public long failures() {
        return failures.sum();
    }

    /** The last such failure, or {@code null}. */
    public Throwable lastFailure() {
        return lastFailure;
    }

    /** Also sample the RSS of an external process ({@code watched_rss_bytes}). */
    public void watch(ProcessMemoryProbe probe) {
        watched = Objects.requireNonNull(probe, "probe");
    }

    public void unwatch() {
        watched = null;
    }

    /** The watched external process, or {@code null}. */
    public ProcessMemoryProbe watched() {
        return watched;
    }

    public SampleRing ring() {
        return ring;
    }

    public Duration interval() {
        return interval;
    }

    /** Wall-clock time {@code elapsed_s} counts from. */
    public long startMillis() {
        return startMillis;
    }

    public void addListener(Consumer<Sample> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<Sample> listener) {
        listeners.remove(listener);
    }
}
