package dev.plateau.collector;

import java.util.List;

/**
 * CONTRACT STUB — implemented on branch h2-encode. Memory-bounded queue of {@link Chunk}s between the event
 * loops and the flusher, bounded by {@code mem_buf_limit} (0 = unlimited). Thread-safe.
 */
public final class ChunkQueue {
    public ChunkQueue(long memBufLimit) {
        throw new UnsupportedOperationException("stub");
    }

    /** True while the queued bytes are at or over the limit: new requests get 503. */
    public boolean isFull() {
        throw new UnsupportedOperationException("stub");
    }

    /** Adds a chunk (ownership passes to the queue). Always accepts: callers check {@link #isFull()} first. */
    public void add(Chunk chunk) {
        throw new UnsupportedOperationException("stub");
    }

    /** Removes and returns every queued chunk, oldest first (ownership passes to the caller). */
    public List<Chunk> drain() {
        throw new UnsupportedOperationException("stub");
    }

    public long bytes() {
        throw new UnsupportedOperationException("stub");
    }

    public int size() {
        throw new UnsupportedOperationException("stub");
    }
}
