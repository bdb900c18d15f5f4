package dev.plateau.collector;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * One chunk of encoded events of one tag in native memory, like chunkio's in-memory chunk
 * ({@code lib/chunkio/src/cio_memfs.c}, Fluent Bit v5.1.1): created with {@code malloc(256 KB)}
 * ({@code FLB_INPUT_CHUNK_SIZE}, {@code flb_input_chunk.c:2470} → {@code cio_memfs.c:48}), grown by {@code realloc}
 * in steps of {@value #REALLOC_STEP} bytes until the write fits ({@code cio_memfs.c:92-108};
 * {@code CIO_REALLOC_HINT_MIN} = 8 pages), freed when the output is done with it. Confined to whoever holds it:
 * the {@link ChunkQueue} under its lock, then the flusher.
 */
final class NativeChunk {
    /** {@code FLB_INPUT_CHUNK_SIZE}: the size a new chunk is created with (a hint, not a limit). */
    static final int SIZE_HINT = 262_144;
    /** {@code FLB_INPUT_CHUNK_FS_MAX_SIZE}: a chunk above this takes no more records. */
    static final int MAX = 2_048_000;
    /** {@code CIO_REALLOC_HINT_MIN}: {@code cio_getpagesize() * 8}. */
    static final int REALLOC_STEP = 32_768;

    private final String tag;
    private long address;
    private long capacity;
    private int size;
    private int records;

    NativeChunk(String tag) {
        this.tag = tag;
        this.address = NativeMemory.malloc(SIZE_HINT);
        this.capacity = SIZE_HINT;
    }

    /** Appends {@code length} bytes of {@code src} from {@code index}, growing as chunkio does. */
    void append(ByteBuf src, int index, int length, int recordCount) {
        long needed = (long) size + length;
        if (needed > capacity) {
            long next = capacity + REALLOC_STEP;
            while (next < needed) {
                next += REALLOC_STEP;
            }
            address = NativeMemory.realloc(address, next);
            capacity = next;
        }
        src.getBytes(index, NativeMemory.view(address, size, length));
        size += length;
        records += recordCount;
    }

    /** True when {@code length} more bytes would take the chunk past {@link #MAX} (and it is not empty). */
    boolean wouldOverflow(int length) {
        return size > 0 && (long) size + length > MAX;
    }

    boolean full() {
        return size > MAX;
    }

    String tag() {
        return tag;
    }

    int size() {
        return size;
    }

    long capacity() {
        return capacity;
    }

    /** The chunk as the flusher sees it: its bytes wrapped (not copied, not owned) in a {@code ByteBuf}. */
    Chunk seal() {
        ByteBuf data = Unpooled.wrappedBuffer(NativeMemory.view(address, 0, size));
        return new Chunk(tag, data, records, this);
    }

    /** {@code free()}: the chunk's memory goes back to the allocator. Idempotent. */
    void free() {
        if (address != 0) {
            NativeMemory.free(address);
            address = 0;
        }
    }
}
