package dev.plateau.collector;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory-bounded queue of {@link Chunk}s between the event loops and the flusher, bounded by {@code mem_buf_limit}
 * (0 = unlimited, as upstream). Thread-safe: event loops {@link #add}, the flusher {@link #drain}s.
 *
 * <p>Like Fluent Bit, whose input keeps a chunk's memory until the output task that carries it is finished, the
 * queue counts a drained chunk's bytes until the flusher reports it {@link #done} (written or dropped): while an
 * output is down and chunks wait for a retry, they still count against the limit, so {@link #isFull()} turns
 * requests away (503) instead of letting memory grow.
 *
 * <pre>{@code
 * ChunkQueue queue = new ChunkQueue(64_000_000);
 * if (queue.isFull()) respond503(); else queue.add(new Chunk(tag, data, records));
 * for (Chunk c : queue.drain()) { write(c); c.data().release(); queue.done(c); }   // the flusher
 * }</pre>
 */
public final class ChunkQueue {
    private final long memBufLimit;
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();

    public ChunkQueue(long memBufLimit) {
        if (memBufLimit < 0) {
            throw new IllegalArgumentException("mem_buf_limit: must be >= 0 (0 = unlimited), was " + memBufLimit);
        }
        this.memBufLimit = memBufLimit;
    }

    /** True while the bytes held (queued and in flight) are at or over the limit: new requests get 503. */
    public boolean isFull() {
        return memBufLimit > 0 && bytes.get() >= memBufLimit;
    }

    /** Adds a chunk (ownership passes to the queue). Always accepts: callers check {@link #isFull()} first. */
    public void add(Chunk chunk) {
        synchronized (chunks) {
            chunks.addLast(chunk);
        }
        bytes.addAndGet(chunk.bytes());
        queuedBytes.addAndGet(chunk.bytes());
    }

    /**
     * Removes and returns every queued chunk, oldest first (ownership passes to the caller). Their bytes still
     * count until {@link #done(Chunk)}.
     */
    public List<Chunk> drain() {
        List<Chunk> out;
        synchronized (chunks) {
            out = new ArrayList<>(chunks);
            chunks.clear();
        }
        for (Chunk c : out) {
            queuedBytes.addAndGet(-c.bytes());
        }
        return out;
    }

    /** A drained chunk was written or dropped: its bytes stop counting. Call before releasing its data. */
    public void done(Chunk chunk) {
        bytes.addAndGet(-chunk.bytes());
    }

    /**
     * Abnormal shutdown: releases every queued chunk's buffer and forgets it. Returns the records released, for
     * the caller to count as dropped. Chunks already drained belong to the flusher.
     */
    public long releaseAll() {
        long records = 0;
        for (Chunk c : drain()) {
            records += c.records();
            done(c);
            c.data().release();
        }
        return records;
    }

    /** Bytes held: queued plus drained and not yet {@link #done}. */
    public long bytes() {
        return bytes.get();
    }

    /** Bytes waiting in the queue (not yet drained). */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** Chunks waiting in the queue. */
    public int size() {
        synchronized (chunks) {
            return chunks.size();
        }
    }

    public long memBufLimit() {
        return memBufLimit;
    }
}
