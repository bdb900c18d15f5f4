package dev.plateau.collector.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.EncoderStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The encoder's memory semantics: 8 KiB start, doubling, reset keeps capacity, destroy frees, exact counters. */
class EncoderMemoryTest {
    private static final RequestContext CTX = new RequestContext(new EventTime(1_700_000_000L, 0), "big", null,
            "REMOTE_ADDR", null);
    private static ByteBuf big;

    private final EncoderStats stats = new EncoderStats();
    private final LogEventEncoder encoder = new LogEventEncoder(UnpooledByteBufAllocator.DEFAULT, stats);

    @BeforeAll
    static void bigBody() {
        big = Events.heap(Events.bigArray(4500));
        assertThat(big.readableBytes()).isBetween(5_000_000, 5_600_000);
    }

    @AfterAll
    static void releaseBody() {
        big.release();
    }

    @AfterEach
    void close() {
        encoder.close();
    }

    @Test
    void startsWithOneInitialAllocation() {
        assertThat(encoder.capacity()).isEqualTo(LogEventEncoder.INITIAL_CAPACITY);
        assertThat(stats.allocationsTotal()).isEqualTo(1);
        assertThat(stats.allocatedBytesTotal()).isEqualTo(8192);
        assertThat(stats.retainedBytes()).isEqualTo(8192);
    }

    @Test
    void growsByDoublingAndCountsEveryAllocation() throws Exception {
        assertThat(encoder.encodeJson(big, CTX).records()).isEqualTo(4500);
        int cap = encoder.capacity();
        int used = encoder.buffer().writerIndex();
        assertThat(cap).isGreaterThanOrEqualTo(used).isLessThan(2 * Math.max(used, 8192));
        assertThat(Integer.bitCount(cap)).isEqualTo(1);
        assertThat(cap % 8192).isZero();
        assertThat(encoder.buffer().capacity()).isEqualTo(cap);
        int doublings = Integer.numberOfTrailingZeros(cap / 8192);
        assertThat(stats.allocationsTotal()).isEqualTo(1 + doublings);
        assertThat(stats.allocatedBytesTotal()).isEqualTo(2L * cap - 8192);
        assertThat(encoder.allocations()).isEqualTo(stats.allocationsTotal());
        assertThat(encoder.allocatedBytes()).isEqualTo(stats.allocatedBytesTotal());
        assertThat(stats.retainedBytes()).isEqualTo(cap);
    }

    @Test
    void eachGrowthIsOneAllocationOfTheNextPowerOfTwo() throws Exception {
        long expectedAllocations = 1;
        long expectedBytes = 8192;
        int capacity = 8192;
        for (int lines : new int[] {1, 10, 40, 100, 400, 1000}) {
            ByteBuf body = Events.heap(Events.bigArray(lines));
            try {
                encoder.encodeJson(body, CTX);
            } finally {
                body.release();
            }
            int used = encoder.buffer().writerIndex();
            while (capacity < used) {
                capacity *= 2;
                expectedAllocations++;
                expectedBytes += capacity;
            }
            assertThat(encoder.capacity()).as("after %d lines (%d bytes used)", lines, used).isEqualTo(capacity);
            assertThat(stats.allocationsTotal()).isEqualTo(expectedAllocations);
            assertThat(stats.allocatedBytesTotal()).isEqualTo(expectedBytes);
            encoder.reset();
        }
        assertThat(expectedAllocations).isGreaterThan(5);
    }

    @Test
    void resetKeepsTheHighWaterCapacity() throws Exception {
        encoder.encodeJson(big, CTX);
        int cap = encoder.capacity();
        assertThat(cap).isGreaterThanOrEqualTo(4 * 1024 * 1024);
        long allocations = stats.allocationsTotal();

        encoder.reset();

        assertThat(encoder.capacity()).isEqualTo(cap);
        assertThat(encoder.buffer().capacity()).isEqualTo(cap);
        assertThat(encoder.buffer().writerIndex()).isZero();
        assertThat(stats.retainedBytes()).isEqualTo(cap);
        assertThat(stats.destroysTotal()).isZero();

        encoder.encodeJson(big, CTX);
        assertThat(stats.allocationsTotal()).as("second request reuses the buffer").isEqualTo(allocations);
    }

    @Test
    void destroyFreesAndTheNextEncodeStartsAt8KiB() throws Exception {
        encoder.encodeJson(big, CTX);
        ByteBuf old = encoder.buffer();
        long allocations = stats.allocationsTotal();
        long bytes = stats.allocatedBytesTotal();

        encoder.destroy();

        assertThat(old.refCnt()).isZero();
        assertThat(encoder.capacity()).isZero();
        assertThat(encoder.buffer().capacity()).isZero();
        assertThat(stats.retainedBytes()).isZero();
        assertThat(stats.destroysTotal()).isEqualTo(1);
        encoder.destroy();
        assertThat(stats.destroysTotal()).as("destroying nothing is not counted").isEqualTo(1);

        ByteBuf small = Events.heap("{\"a\":1}");
        try {
            encoder.encodeJson(small, CTX);
        } finally {
            small.release();
        }
        assertThat(encoder.capacity()).isEqualTo(8192);
        assertThat(stats.allocationsTotal()).isEqualTo(allocations + 1);
        assertThat(stats.allocatedBytesTotal()).isEqualTo(bytes + 8192);
        assertThat(Events.recordsJson(encoder.buffer())).containsExactly("{\"a\":1}");
    }

    @Test
    void reinitPaysTheWholeDoublingSequenceOnEveryRequest() throws Exception {
        encoder.encodeJson(big, CTX);
        long perRequestAllocations = stats.allocationsTotal();
        long perRequestBytes = stats.allocatedBytesTotal();
        for (int i = 0; i < 3; i++) {
            encoder.destroy();
            encoder.encodeJson(big, CTX);
        }
        assertThat(stats.allocationsTotal()).isEqualTo(4 * perRequestAllocations);
        assertThat(stats.allocatedBytesTotal()).isEqualTo(4 * perRequestBytes);
        System.out.printf("encoder per ~5 MB request: reset -> 0 allocations after the first; "
                + "reinit -> %d allocations, %d bytes allocated%n", perRequestAllocations, perRequestBytes);
    }

    @Test
    void aFailedRequestKeepsItsGrowthButNoBytes() throws Exception {
        String body = Events.bigArray(300);
        ByteBuf truncated = Events.heap(body.substring(0, body.length() - 10));
        try {
            encoder.encodeJson(truncated, CTX);
        } catch (RecordException expected) {
            assertThat(encoder.buffer().writerIndex()).isZero();
            assertThat(encoder.capacity()).isGreaterThan(8192);
            return;
        } finally {
            truncated.release();
        }
        throw new AssertionError("truncated body was accepted");
    }

    @Test
    void closeUnregistersTheRetainedBytes() {
        EncoderStats own = new EncoderStats();
        LogEventEncoder e = new LogEventEncoder(UnpooledByteBufAllocator.DEFAULT, own);
        assertThat(own.retainedBytes()).isEqualTo(8192);
        e.close();
        assertThat(own.retainedBytes()).isZero();
        assertThat(e.capacity()).isZero();
    }
}
