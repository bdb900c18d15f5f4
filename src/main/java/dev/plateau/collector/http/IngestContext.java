package dev.plateau.collector.http;

import dev.plateau.collector.AllocatorKind;
import dev.plateau.collector.ChunkQueue;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.ConnectionRegistry;
import dev.plateau.collector.IngestCounters;
import dev.plateau.collector.Policies;
import dev.plateau.events.EventLog;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the HTTP handlers of one collector share: its configuration, live policies, accounting, the chunk queue,
 * the per-loop encoders, the buffer allocator and the group of open connections. Built once by the collector.
 *
 * @param config      the collector's configuration
 * @param policies    live shrink / reinit / idle_timeout
 * @param events      where SHRINK and IDLE_CLOSE events go
 * @param connections registry of live connections and their buffer figures
 * @param counters    request and record accounting
 * @param queue       where accepted records go (may be null in tests that never ingest)
 * @param encoders    one log-event encoder per event loop (may be null in tests that never ingest)
 * @param allocator   allocator of connection buffers, chunks and encoder buffers ({@link #allocator(AllocatorKind)})
 * @param channels    every accepted connection, for {@code stop()} and the idle sweep
 * @param admitted    connections currently admitted under {@code max_connections}
 * @param success     the canned success response ({@link Responses#success})
 */
public record IngestContext(CollectorConfig config, Policies policies, EventLog events, ConnectionRegistry connections,
        IngestCounters counters, ChunkQueue queue, Encoders encoders, ByteBufAllocator allocator, ChannelGroup channels,
        AtomicInteger admitted, FullHttpResponse success) {

    /** The allocator {@code config.allocator()} names: unpooled (direct), pooled or adaptive. */
    public static ByteBufAllocator allocator(AllocatorKind kind) {
        return switch (kind) {
            case POOLED -> PooledByteBufAllocator.DEFAULT;
            case ADAPTIVE -> ByteBufAllocator.DEFAULT;
            case UNPOOLED -> UnpooledByteBufAllocator.DEFAULT;
        };
    }
}
