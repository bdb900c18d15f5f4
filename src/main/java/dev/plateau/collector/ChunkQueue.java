package dev.plateau.collector;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Records arrive by {@link #append}: like Fluent Bit's in-memory chunks (chunkio's memfs backend), each tag has
 * one open {@link NativeChunk} in native memory ({@code malloc} 256 KB, {@code realloc} as it grows); a chunk that
 * would pass 2,048,000 bytes is closed and a new one opened. {@link #drain} closes every open chunk and hands all
 * of them to the flusher; {@link #done} {@code free}s a chunk's memory. {@link #nativeBytes()} (the
 * {@code chunk_bytes} series) is what those chunks hold allocated; {@code mem_buf_limit} counts their content.
 *
 * <pre>{@code
 * ChunkQueue queue = new ChunkQueue(0);                        // 0 = unlimited, as upstream
 * if (queue.isFull()) respond503(); else queue.append(tag, events, offset, length, records);
 * for (Chunk c : queue.drain()) { write(c); queue.done(c); c.data().release(); }   // the flusher
 * }</pre>
 */
public final class ChunkQueue {
    private final long memBufLimit;
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private final Map<String, NativeChunk> open = new LinkedHashMap<>(); // drained in the order they opened
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong nativeBytes = new AtomicLong();

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
     * Appends {@code length} encoded bytes of {@code src} from {@code index} ({@code records} events) to the open
     * native chunk of {@code tag}, opening one first if there is none or it would pass 2,048,000 bytes. Always
     * accepts: callers check {@link #isFull()} first.
     */
    public void append(String tag, ByteBuf src, int index, int length, int records) {
        synchronized (chunks) {
            NativeChunk c = open.get(tag);
            if (c != null && c.wouldOverflow(length)) {
                close(c);
                c = null;
            }
            if (c == null) {
                c = new NativeChunk(tag);
                open.put(tag, c);
                nativeBytes.addAndGet(c.capacity());
            }
            long before = c.capacity();
            c.append(src, index, length, records);
            nativeBytes.addAndGet(c.capacity() - before);
            if (c.full()) {
                close(c); // flb_input_chunk.c:3392: a chunk above 2 MB is locked
            }
        }
        bytes.addAndGet(length);
        queuedBytes.addAndGet(length);
    }

    /** Moves an open chunk to the queue; caller holds the lock. */
    private void close(NativeChunk c) {
        open.remove(c.tag());
        chunks.addLast(c.seal());
    }

    /**
     * Closes every open chunk, then removes and returns every queued chunk, oldest first (ownership passes to the
     * caller). Their bytes still count until {@link #done(Chunk)}.
     */
    public List<Chunk> drain() {
        List<Chunk> out;
        synchronized (chunks) {
            for (NativeChunk c : List.copyOf(open.values())) {
                close(c);
            }
            out = new ArrayList<>(chunks);
            chunks.clear();
        }
        for (Chunk c : out) {
            queuedBytes.addAndGet(-c.bytes());
        }
        return out;
    }

    /**
     * A drained chunk was written or dropped: its bytes stop counting and its native memory, if any, is freed.
     * Call once per chunk, before releasing its data.
     */
    public void done(Chunk chunk) {
        bytes.addAndGet(-chunk.bytes());
        if (chunk.memory() != null) {
            nativeBytes.addAndGet(-chunk.memory().capacity());
            chunk.memory().free();
        }
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

    /** Native memory allocated by chunks not yet {@link #done}: the {@code chunk_bytes} series. */
    public long nativeBytes() {
        return nativeBytes.get();
    }

    /** Bytes waiting in the queue (not yet drained). */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** Chunks waiting in the queue, open ones included. */
    public int size() {
        synchronized (chunks) {
            return chunks.size() + open.size();
        }
    }

    public long memBufLimit() {
        return memBufLimit;
    }
}
