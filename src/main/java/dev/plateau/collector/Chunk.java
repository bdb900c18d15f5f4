package dev.plateau.collector;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Encoded Fluent Bit V2 events of one tag, waiting in the {@link ChunkQueue}. The chunk owns {@code data}
 * (refCnt 1); the flusher releases it exactly once, after the output took it or after it was dropped.
 *
 * @param tag     the events' tag
 * @param data    msgpack-encoded events, readable bytes only
 * @param records how many events
 */
public record Chunk(String tag, ByteBuf data, int records) {
    public Chunk {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(data, "data");
        if (records < 0) {
            throw new IllegalArgumentException("records must be >= 0");
        }
    }

    public int bytes() {
        return data.readableBytes();
    }
}
