package dev.plateau.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.Profile;
import dev.plateau.events.EventLog;
import dev.plateau.load.PayloadGenerator;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sampler against a real collector with real keep-alive connections. */
class SamplerTest {
    private static final long CHUNK = 64_000;
    private Collector collector;
    private Sampler sampler;

    private void startCollector() {
        collector = new Collector(CollectorConfig.builder().profile(Profile.FLUENT_BIT_4).port(0).monitorPort(0).bufferChunkSize(CHUNK)
                .bufferMaxSize(2_000_000).build(), new EventLog());
        collector.start();
        sampler = new Sampler(() -> collector, Duration.ofMillis(50), new SampleRing(1_000), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        if (sampler != null) {
            sampler.stop();
        }
        if (collector != null) {
            collector.stop();
        }
    }

    @Test
    void connectionBufferFiguresGrowWithBigRequestsAndFallWhenShrunk() throws IOException {
        startCollector();
        byte[] big = PayloadGenerator.jsonArray(300, 1);
        byte[] small = PayloadGenerator.jsonArray(1, 2);
        try (KeepAliveClient a = new KeepAliveClient(collector.address());
             KeepAliveClient b = new KeepAliveClient(collector.address())) {
            assertThat(a.post("/app", big)).isEqualTo(201);
            assertThat(b.post("/app", big)).isEqualTo(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> sampler.sampleNow().requestsTotal() == 2);
            Sample grown = sampler.sampleNow();
            assertThat(grown.connOpen()).isEqualTo(2);
            assertThat(grown.connBufferBytes()).isGreaterThanOrEqualTo(2L * big.length);
            assertThat(grown.connBufferMaxBytes()).isGreaterThanOrEqualTo(big.length);
            assertThat(grown.connBufferHwmBytes()).isGreaterThanOrEqualTo(big.length);
            assertThat(grown.connections()).hasSize(2);
            assertThat(grown.requestsTotal()).isEqualTo(2);
            assertThat(grown.requests2xx()).isEqualTo(2);
            assertThat(grown.recordsInTotal()).isEqualTo(600);
            assertThat(grown.bytesInTotal()).isGreaterThan(2L * big.length);
            assertThat(grown.encoderAllocationsTotal()).isPositive();
            assertThat(grown.encoderAllocatedBytesTotal()).isPositive();
            assertThat(grown.shrink()).isFalse();

            collector.policies().setShrink(true);
            assertThat(a.post("/app", small)).isEqualTo(201);
            assertThat(b.post("/app", small)).isEqualTo(201);
            // the buffer is shrunk once the request is done, which may be just after the answer left
            await().atMost(Duration.ofSeconds(10)).until(() -> sampler.sampleNow().connBufferBytes() == 2 * CHUNK);
            Sample shrunk = sampler.sampleNow();
            assertThat(shrunk.shrink()).isTrue();
            assertThat(shrunk.connBufferBytes()).isEqualTo(2 * CHUNK);
            assertThat(shrunk.connBufferHwmBytes()).isEqualTo(grown.connBufferHwmBytes());
            assertThat(shrunk.requestsTotal()).isEqualTo(4);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sampler.sampleNow().connOpen() == 0);
        assertThat(sampler.sampleNow().connBufferBytes()).isZero();
    }

    @Test
    void runsOnItsOwnThreadAtFixedRateIntoTheRingAndListeners() {
        startCollector();
        List<String> threads = new CopyOnWriteArrayList<>();
        sampler.addListener(s -> threads.add(Thread.currentThread().getName()));
        sampler.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> sampler.ring().size() >= 5);
        sampler.stop();
        assertThat(threads).contains("plateau-sampler").containsOnly("plateau-sampler");
        List<Sample> ring = sampler.ring().snapshot();
        assertThat(ring.get(0).elapsedS()).isLessThan(1.0);
        for (int i = 1; i < ring.size(); i++) {
            assertThat(ring.get(i).elapsedS()).isGreaterThanOrEqualTo(ring.get(i - 1).elapsedS());
        }
        long taken = sampler.ring().addedTotal();
        assertThat(sampler.isRunning()).isFalse();
        assertThat(sampler.ring().addedTotal()).isEqualTo(taken);
    }

    @Test
    void aFailingListenerDoesNotStopSampling() {
        startCollector();
        sampler.addListener(s -> {
            throw new IllegalStateException("boom");
        });
        sampler.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> sampler.ring().size() >= 3 && sampler.failures() >= 3);
        assertThat(sampler.lastFailure()).hasMessage("boom");
    }

    @Test
    void withoutCollectorTheCollectorFiguresAreZeroAndJvmFiguresReal() {
        sampler = new Sampler(() -> null, Duration.ofMillis(250), new SampleRing(16), Clock.systemUTC());
        Sample s = sampler.sampleNow();
        assertThat(s.connOpen()).isZero();
        assertThat(s.requestsTotal()).isZero();
        assertThat(s.rssBytes()).isGreaterThan(20_000_000);
        assertThat(s.heapUsedBytes()).isPositive();
        assertThat(s.heapCommittedBytes()).isGreaterThanOrEqualTo(s.heapUsedBytes());
        assertThat(s.watchedRssBytes()).isEqualTo(-1);
    }

    @Test
    void directMemoryCountsNioDirectBuffers() {
        sampler = new Sampler(() -> null, Duration.ofMillis(250), new SampleRing(16), Clock.systemUTC());
        // Other tests' direct buffers are freed by the JDK's Cleaner at any moment, so one before/after pair can
        // see a free in between. An 8 MB buffer is made and freed until a pair of samples around the free sees
        // exactly it go (a quiet moment), which cannot happen if the sampler does not count NIO direct buffers.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(8_000_000);
            long with = sampler.sampleNow().directUsedBytes();
            UNSAFE.invokeCleaner(buf);
            long without = sampler.sampleNow().directUsedBytes();
            return with - without == 8_000_000;
        });
    }

    private static final sun.misc.Unsafe UNSAFE = unsafe();

    private static sun.misc.Unsafe unsafe() {
        try {
            java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void nettyDirectBuffersAreCountedOnceWithOrWithoutACleaner() {
        sampler = new Sampler(() -> null, Duration.ofMillis(250), new SampleRing(16), Clock.systemUTC());
        long before = sampler.sampleNow().directUsedBytes();
        io.netty.buffer.ByteBuf buf = io.netty.buffer.UnpooledByteBufAllocator.DEFAULT.directBuffer(8_000_000, 8_000_000);
        try {
            long grown = sampler.sampleNow().directUsedBytes() - before;
            assertThat(grown).as("cleaner-backed: %s", !io.netty.util.internal.PlatformDependent.useDirectBufferNoCleaner())
                    .isBetween(8_000_000L, 9_000_000L);
        } finally {
            buf.release();
        }
    }

    @Test
    void watchesAnExternalProcess() throws IOException {
        sampler = new Sampler(() -> null, Duration.ofMillis(250), new SampleRing(16), Clock.systemUTC());
        Process p = new ProcessBuilder("sleep", "60").start();
        try {
            sampler.watch(ProcessMemoryProbe.of(p.pid()));
            // a process that was just forked may not have mapped its pages yet: its RSS shows once it runs
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> sampler.sampleNow().watchedRssBytes() > 0);
            sampler.unwatch();
            assertThat(sampler.sampleNow().watchedRssBytes()).isEqualTo(-1);
        } finally {
            p.destroyForcibly();
        }
    }
}
