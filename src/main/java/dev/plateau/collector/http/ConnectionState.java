package dev.plateau.collector.http;

import dev.plateau.collector.ConnectionStats;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.Ticker;

/**
 * Where one connection stands between requests, shared by its {@link ConnectionGuard} (which sees raw bytes) and
 * its {@link ConnectionBuffer} (which sees decoded requests). Confined to the connection's event loop.
 *
 * <p>Phases: {@code IDLE} (between requests) → {@code HEAD} (first bytes of a request arrived, head not complete)
 * → {@code BODY} (head decoded, body arriving) → {@code IDLE}; {@code CLOSING} once an answer ended the connection.
 * The idle sweep closes only {@code IDLE} connections, and {@code HEAD} ones that exceed the header timeout.
 *
 * <p>Once the connection switched to HTTP/2 ({@link #h2()}), it stays {@code IDLE} at this level: its requests are
 * streams, each with its own buffer; the state counts the open streams and the sum of their buffers' capacities,
 * which is what the connection's {@link ConnectionStats} shows. Streams run on the connection's event loop.
 *
 * <p>Times are nanoseconds of the event loop's {@link io.netty.util.concurrent.Ticker} (an {@code EmbeddedChannel}'s
 * mock ticker in tests), so idle and header timeouts are tested without waiting; the wall-clock time of the last
 * activity is only kept in {@link ConnectionStats} for display.
 */
final class ConnectionState {
    private static final AttributeKey<ConnectionState> KEY = AttributeKey.valueOf(ConnectionState.class, "state");

    enum Phase { IDLE, HEAD, BODY, CLOSING }

    private Phase phase = Phase.IDLE;
    private long headStartedNanos;
    private long lastActivityNanos;
    private boolean active;
    private ConnectionStats stats;
    private boolean h2;
    private int openStreams;
    private long streamCapacity;

    /** The clock of {@code channel}'s event loop: the system ticker, or an {@code EmbeddedChannel}'s mock ticker. */
    static Ticker ticker(Channel channel) {
        return channel.eventLoop() instanceof AbstractScheduledEventExecutor loop ? loop.ticker() : Ticker.systemTicker();
    }

    /** The state of {@code channel}, created on first use. */
    static ConnectionState of(Channel channel) {
        ConnectionState fresh = new ConnectionState();
        ConnectionState old = channel.attr(KEY).setIfAbsent(fresh);
        return old == null ? fresh : old;
    }

    Phase phase() {
        return phase;
    }

    long headStartedNanos() {
        return headStartedNanos;
    }

    /** When bytes last arrived or a request was last done; {@code fallback} until then (the connection's open time). */
    long lastActivityNanos(long fallback) {
        return active ? lastActivityNanos : fallback;
    }

    /** Null until the connection buffer registered the connection. */
    ConnectionStats stats() {
        return stats;
    }

    void stats(ConnectionStats s) {
        stats = s;
    }

    /** Raw bytes arrived: between requests this starts a new request head. */
    void bytesArrived(long nowNanos) {
        if (phase == Phase.IDLE && !h2) {
            phase = Phase.HEAD;
            headStartedNanos = nowNanos;
        }
        touch(nowNanos);
    }

    /** Activity at {@code nowNanos}: the idle clock starts again. */
    void touch(long nowNanos) {
        lastActivityNanos = nowNanos;
        active = true;
        if (stats != null) {
            stats.touch(System.currentTimeMillis());
        }
    }

    void headDone() {
        if (phase != Phase.CLOSING) {
            phase = Phase.BODY;
        }
    }

    void requestDone(long nowNanos) {
        if (phase != Phase.CLOSING) {
            phase = Phase.IDLE;
        }
        touch(nowNanos);
    }

    void closing() {
        phase = Phase.CLOSING;
    }

    /** The connection now speaks HTTP/2 (prior knowledge or {@code Upgrade: h2c}). */
    void h2(boolean value) {
        h2 = value;
        if (value && phase != Phase.CLOSING) {
            phase = Phase.IDLE;
        }
    }

    boolean h2() {
        return h2;
    }

    int openStreams() {
        return openStreams;
    }

    void streamOpened() {
        openStreams++;
    }

    void streamClosed() {
        openStreams--;
    }

    /** Adds {@code delta} to the streams' capacity and publishes the sum as the connection's capacity. */
    void addStreamCapacity(long delta) {
        streamCapacity += delta;
        if (stats != null) {
            stats.capacity(streamCapacity);
        }
    }

    long streamCapacity() {
        return streamCapacity;
    }
}
