package dev.plateau.collector;

import static dev.plateau.collector.ChunkQueueTest.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.collector.output.NullOutput;
import dev.plateau.collector.output.Output;
import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlusherTest {
    private final ChunkQueue queue = new ChunkQueue(0);
    private final IngestCounters counters = new IngestCounters();
    private final EventLog events = new EventLog();
    private final List<Chunk> added = new ArrayList<>();
    private Flusher flusher;

    /** A real output that throws for its first {@code failures} writes (forever if negative). */
    static final class FlakyOutput implements Output {
        final int failures;
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger records = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();

        FlakyOutput(int failures) {
            this.failures = failures;
        }

        @Override
        public void write(String tag, ByteBuf events, int n) throws IOException {
            threads.add(Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? "/daemon" : ""));
            int attempt = attempts.incrementAndGet();
            if (failures < 0 || attempt <= failures) {
                throw new IOException("disk full");
            }
            events.readerIndex(events.writerIndex());
            records.addAndGet(n);
        }

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public void close() {
        }
    }

    private void add(String tag, int bytes, int records) {
        Chunk c = chunk(tag, bytes, records);
        added.add(c);
        counters.recordsIn(records);
        queue.add(c);
    }

    @AfterEach
    void everyChunkReleasedExactlyOnce() {
        if (flusher != null) {
            flusher.stopAndDrain(Duration.ofSeconds(5));
        }
        assertThat(added).allSatisfy(c -> assertThat(c.data().refCnt()).isZero());
        assertThat(queue.bytes()).isZero();
        assertThat(counters.recordsInTotal())
                .isEqualTo(counters.recordsOutTotal() + counters.recordsDroppedTotal());
    }

    @Test
    void recordsInEqualOutAfterStopAndDrain() throws Exception {
        NullOutput out = new NullOutput();
        flusher = new Flusher(queue, out, counters, Duration.ofMillis(20), events);
        flusher.start();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                add("t" + (i % 3), 16 + i % 50, 1 + i % 7);
            }
        });
        producer.start();
        producer.join();
        flusher.stopAndDrain();
        assertThat(counters.recordsOutTotal()).isEqualTo(counters.recordsInTotal()).isPositive();
        assertThat(counters.recordsDroppedTotal()).isZero();
        assertThat(out.records()).isEqualTo(counters.recordsInTotal());
        assertThat(counters.bytesOutTotal()).isEqualTo(out.bytes()).isPositive();
        assertThat(out.chunks()).isEqualTo(500);
        assertThat(events.all()).as("no double release, no flusher error").isEmpty();
    }

    @Test
    void flushesEveryIntervalOnTheFlusherThread() {
        FlakyOutput out = new FlakyOutput(0);
        flusher = new Flusher(queue, out, counters, Duration.ofMillis(20), events);
        flusher.start();
        add("a", 10, 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> counters.recordsOutTotal() == 4);
        add("a", 10, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> counters.recordsOutTotal() == 6);
        assertThat(out.threads).containsOnly("plateau-flusher/daemon");
    }

    @Test
    void failedChunkIsRetriedThenWritten() {
        FlakyOutput out = new FlakyOutput(2);
        flusher = new Flusher(queue, out, counters, Duration.ofMillis(10), events, 5, Duration.ofMillis(40));
        add("a", 10, 3);
        flusher.flushNow();
        assertThat(out.attempts).hasValue(1);
        assertThat(queue.size()).isZero();
        assertThat(queue.bytes()).as("a chunk waiting for a retry still counts").isEqualTo(10);
        assertThat(flusher.pendingRetries()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            flusher.flushNow();
            return out.records.get() == 3;
        });
        assertThat(out.attempts).hasValue(3);
        assertThat(counters.recordsOutTotal()).isEqualTo(3);
        assertThat(counters.recordsDroppedTotal()).isZero();
        assertThat(events.all()).extracting(Event::kind, Event::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(EventKind.WARNING, "output flaky failed, retrying: disk full"),
                org.assertj.core.groups.Tuple.tuple(EventKind.INFO, "output flaky recovered"));
    }

    @Test
    void chunkIsDroppedAfterTheRetryLimit() {
        FlakyOutput out = new FlakyOutput(-1);
        flusher = new Flusher(queue, out, counters, Duration.ofMillis(10), events, 2, Duration.ofMillis(20));
        flusher.start();
        add("app", 10, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> counters.recordsDroppedTotal() == 3);
        assertThat(out.attempts).hasValue(3);
        assertThat(added.get(0).data().refCnt()).isZero();
        assertThat(queue.bytes()).isZero();
        assertThat(events.all()).filteredOn(e -> e.kind() == EventKind.ERROR).extracting(Event::message)
                .containsExactly("output flaky: dropped 3 records of tag app after 3 failed attempts: disk full");
    }

    @Test
    void stopAndDrainRetriesWithinItsTimeThenDrops() {
        FlakyOutput out = new FlakyOutput(-1);
        flusher = new Flusher(queue, out, counters, Duration.ofMillis(5), events, 1000, Duration.ofMillis(10));
        add("a", 10, 2);
        add("b", 10, 5);
        flusher.stopAndDrain(Duration.ofMillis(300));
        assertThat(out.attempts.get()).isGreaterThan(2);
        assertThat(counters.recordsDroppedTotal()).isEqualTo(7);
        assertThat(events.all()).filteredOn(e -> e.kind() == EventKind.ERROR).extracting(Event::message)
                .allMatch(m -> m.contains("not written before the stop deadline"));
    }

    @Test
    void stopAndDrainWritesWhatRecoversInTime() {
        FlakyOutput out = new FlakyOutput(3);
        flusher = new Flusher(queue, out, counters, Duration.ofMillis(5), events, 10, Duration.ofMillis(10));
        add("a", 10, 2);
        flusher.stopAndDrain(Duration.ofSeconds(10));
        assertThat(counters.recordsOutTotal()).isEqualTo(2);
        assertThat(out.attempts).hasValue(4);
    }

    @Test
    void stopAndDrainIsIdempotentAndFlushNowAfterStopDoesNothing() {
        NullOutput out = new NullOutput();
        flusher = new Flusher(queue, out, counters, Duration.ofSeconds(1), events);
        flusher.start();
        add("a", 10, 1);
        flusher.stopAndDrain();
        flusher.stopAndDrain();
        flusher.flushNow();
        assertThat(counters.recordsOutTotal()).isEqualTo(1);
    }
}
