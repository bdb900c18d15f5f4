package dev.plateau.collector.http;

import dev.plateau.collector.EncoderStats;
import dev.plateau.collector.encode.LogEventEncoder;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link LogEventEncoder} per event loop (docs/DESIGN.md §2: no locks on the hot path). A handler asks for the
 * encoder of its channel's loop once, at {@code handlerAdded}; the encoders live until {@link #destroyAll()},
 * which the collector calls after the event loops have terminated.
 *
 * <pre>{@code
 * LogEventEncoder encoder = encoders.of(ctx.channel().eventLoop());
 * }</pre>
 */
public final class Encoders {
    private final ByteBufAllocator allocator;
    private final EncoderStats stats;
    private final Map<EventExecutor, LogEventEncoder> byLoop = new ConcurrentHashMap<>();

    public Encoders(ByteBufAllocator allocator, EncoderStats stats) {
        this.allocator = allocator;
        this.stats = stats;
    }

    /** The encoder owned by {@code loop}; use it only from that loop. */
    public LogEventEncoder of(EventExecutor loop) {
        return byLoop.computeIfAbsent(loop, l -> new LogEventEncoder(allocator, stats));
    }

    public int size() {
        return byLoop.size();
    }

    /** Frees every encoder's buffer and unregisters it from the stats. Call only when no event loop uses them any more. */
    public void destroyAll() {
        for (LogEventEncoder e : byLoop.values()) {
            e.close();
        }
        byLoop.clear();
    }
}
