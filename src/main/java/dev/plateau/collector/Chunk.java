package dev.plateau.collector;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Encoded Fluent Bit V2 events of one tag, waiting in the {@link ChunkQueue}. The chunk owns {@code data}
 * (refCnt 1); the flusher releases it exactly once, after the output took it or after it was dropped. A chunk built
 * by the queue from native memory ({@code memory} non-null) wraps that memory: {@link ChunkQueue#done} frees it.
 *
 * @param tag     the events' tag
 * @param data    msgpack-encoded events, readable bytes only
 * @param records how many events
 * @param memory  the native chunk {@code data} wraps, or {@code null} when {@code data} owns its memory
 */
public record Chunk(String tag, ByteBuf data, int records, NativeChunk memory) {
    public Chunk {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(data, "data");
        if (records < 0) {
            throw new IllegalArgumentException("records must be >= 0");
        }
    }

    /** A chunk whose {@code data} owns its memory. */
    public Chunk(String tag, ByteBuf data, int records) {
        this(tag, data, records, null);
    }

    public int bytes() {
        return data.readableBytes();
    }
}
