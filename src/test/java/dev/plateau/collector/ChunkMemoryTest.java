package dev.plateau.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chunk queue's native chunks, counted as chunkio's in-memory chunks grow ({@link NativeChunk}). */
class ChunkMemoryTest {
    private final ChunkQueue queue = new ChunkQueue(0);

    private static ByteBuf bytes(int n, int fill) {
        ByteBuf b = Unpooled.buffer(n);
        for (int i = 0; i < n; i++) {
            b.writeByte(fill + i);
        }
        return b;
    }

    private void append(String tag, int n) {
        ByteBuf b = bytes(n, 0);
        queue.append(tag, b, 0, n, 1);
        b.release();
    }

    private void flush() {
        for (Chunk c : queue.drain()) {
            queue.done(c);
            c.data().release();
        }
    }

    @Test
    void firstRecord_opensA256KbChunk() {
        append("a", 100);

        assertThat(queue.nativeBytes()).isEqualTo(NativeChunk.SIZE_HINT);
        assertThat(queue.bytes()).isEqualTo(100);
        assertThat(queue.size()).isEqualTo(1);
        flush();
    }

    @Test
    void growth_isIn32KibReallocSteps() {
        append("a", 300_000);

        assertThat(queue.nativeBytes()).isEqualTo(262_144 + 2 * 32_768);
        flush();
    }

    @Test
    void eachTag_hasItsOwnChunk() {
        append("a", 10);
        append("b", 10);
        append("a", 10);

        List<Chunk> chunks = queue.drain();
        assertThat(chunks).extracting(Chunk::tag).containsExactlyInAnyOrder("a", "b");
        assertThat(chunks).filteredOn(c -> c.tag().equals("a")).singleElement()
                .satisfies(c -> assertThat(c.records()).isEqualTo(2));
        chunks.forEach(c -> {
            queue.done(c);
            c.data().release();
        });
    }

    @Test
    void recordsThatWouldPass2048000Bytes_goToANewChunk() {
        append("a", 1_500_000);
        append("a", 1_000_000);

        List<Chunk> chunks = queue.drain();
        assertThat(chunks).extracting(Chunk::bytes).containsExactly(1_500_000, 1_000_000);
        chunks.forEach(c -> {
            queue.done(c);
            c.data().release();
        });
    }

    @Test
    void drainedChunk_holdsTheAppendedBytes() {
        ByteBuf src = bytes(1000, 7);
        queue.append("a", src, 10, 500, 3);

        Chunk c = queue.drain().get(0);
        assertThat(c.data().readableBytes()).isEqualTo(500);
        assertThat(c.data().getByte(0)).isEqualTo(src.getByte(10));
        assertThat(c.data().getByte(499)).isEqualTo(src.getByte(509));
        src.release();
        queue.done(c);
        c.data().release();
    }

    @Test
    void memoryIsHeldUntilTheOutputIsDone_thenFreed() {
        append("a", 1_000_000);
        List<Chunk> drained = queue.drain();

        assertThat(queue.nativeBytes()).as("drained, not yet written").isGreaterThanOrEqualTo(1_000_000);
        assertThat(queue.bytes()).isEqualTo(1_000_000);
        drained.forEach(c -> {
            queue.done(c);
            c.data().release();
        });
        assertThat(queue.nativeBytes()).isZero();
        assertThat(queue.bytes()).isZero();
    }

    @Test
    void memBufLimit_countsChunkContent() {
        ChunkQueue limited = new ChunkQueue(1_000);
        ByteBuf b = bytes(999, 0);
        limited.append("a", b, 0, 999, 1);
        assertThat(limited.isFull()).isFalse();
        limited.append("a", b, 0, 1, 1);

        assertThat(limited.isFull()).isTrue();
        b.release();
        limited.releaseAll();
        assertThat(limited.nativeBytes()).isZero();
    }
}
