package dev.plateau.collector.encode;

import dev.plateau.collector.EncoderStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;

/**
 * The encoder's one output buffer with the memory semantics of Fluent Bit's {@code msgpack_sbuffer}: a real
 * {@link ByteBuf} that starts at {@link LogEventEncoder#INITIAL_CAPACITY} and doubles (one reallocation per growth,
 * doubled until the write fits); {@link #reset()} keeps the capacity, {@link #destroy()} frees it and the next
 * write allocates afresh. Every allocation is reported to {@link EncoderStats#allocated(long)}.
 *
 * <p>{@link RecordWriter} stages small writes in its own heap array and hands them over in blocks through
 * {@link #write(byte[], int, int)}. Not thread-safe, except {@link #capacity()} which any thread may read.
 */
final class EncoderBuffer {
    private static final int MAX_CAPACITY = 1 << 30;

    private final ByteBufAllocator allocator;
    private final EncoderStats stats;
    private ByteBuf buf;
    private volatile int capacity;
    private long allocations;
    private long allocatedBytes;

    EncoderBuffer(ByteBufAllocator allocator, EncoderStats stats) {
        this.allocator = allocator;
        this.stats = stats;
    }

    /** The buffer, allocating {@link LogEventEncoder#INITIAL_CAPACITY} if there is none (init). */
    ByteBuf buf() {
        if (buf == null) {
            buf = allocator.buffer(LogEventEncoder.INITIAL_CAPACITY, Integer.MAX_VALUE);
            counted(LogEventEncoder.INITIAL_CAPACITY);
        }
        return buf;
    }

    /** The buffer, or an empty one when destroyed (never allocates). */
    ByteBuf view() {
        return buf == null ? Unpooled.EMPTY_BUFFER : buf;
    }

    int capacity() {
        return capacity;
    }

    long allocations() {
        return allocations;
    }

    long allocatedBytes() {
        return allocatedBytes;
    }

    void reset() {
        if (buf != null) {
            buf.clear();
        }
    }

    /** Frees the buffer; true if there was one. */
    boolean destroy() {
        if (buf == null) {
            return false;
        }
        buf.release();
        buf = null;
        capacity = 0;
        return true;
    }

    /** Makes room for {@code n} more bytes: doubles the capacity (one reallocation) until they fit. */
    void ensureWritable(int n) throws IOException {
        ByteBuf b = buf();
        long needed = (long) b.writerIndex() + n;
        int cap = b.capacity();
        if (needed <= cap) {
            return;
        }
        if (needed > MAX_CAPACITY) {
            throw new IOException("encoder buffer would exceed " + MAX_CAPACITY + " bytes");
        }
        long next = cap;
        while (next < needed) {
            next <<= 1;
        }
        b.capacity((int) next);
        counted((int) next);
    }

    private void counted(int bytes) {
        capacity = bytes;
        allocations++;
        allocatedBytes += bytes;
        stats.allocated(bytes);
    }

    /** Appends {@code len} bytes of {@code src}, growing the buffer first if needed. */
    void write(byte[] src, int off, int len) throws IOException {
        ensureWritable(len);
        buf.writeBytes(src, off, len);
    }
}
