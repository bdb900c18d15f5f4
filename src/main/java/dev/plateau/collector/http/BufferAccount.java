package dev.plateau.collector.http;

import dev.plateau.collector.ConnectionStats;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Where a {@link ConnectionBuffer}'s capacity is counted. An HTTP/1 connection ({@link Connection}) registers
 * itself with the collector and shows its buffer as its capacity; an HTTP/2 stream ({@link Stream}) adds its
 * buffer to its connection's sum of open streams and leaves the registration to the connection. Confined to the
 * channel's event loop.
 */
sealed interface BufferAccount {
    /** The connection's live figures (a stream's are its connection's). */
    ConnectionStats stats();

    /** This buffer's capacity is now {@code capacity} bytes. */
    void publish(long capacity);

    /** A request was handed on at {@code nowNanos} (the event loop's ticker). */
    void requestDone(long nowNanos);

    /** The buffer is gone: capacity 0 and, for a connection, unregistered. Idempotent. */
    void close();

    /** The account for {@code channel}: a stream's if it is an HTTP/2 child channel, else a new connection's. */
    static BufferAccount open(IngestContext context, Channel channel, ConnectionState state) {
        if (channel instanceof Http2StreamChannel child) {
            return new Stream(ConnectionState.of(child.parent()));
        }
        ConnectionStats stats = context.connections().open(remote(channel.remoteAddress()));
        state.stats(stats);
        return new Connection(context, stats);
    }

    private static String remote(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() == null ? inet.getHostString() + ":" + inet.getPort()
                    : inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /** An HTTP/1 connection's own buffer. */
    final class Connection implements BufferAccount {
        private final IngestContext context;
        private final ConnectionStats stats;
        private boolean open = true;

        Connection(IngestContext context, ConnectionStats stats) {
            this.context = context;
            this.stats = stats;
        }

        @Override
        public ConnectionStats stats() {
            return stats;
        }

        @Override
        public void publish(long capacity) {
            stats.capacity(capacity);
        }

        @Override
        public void requestDone(long nowNanos) {
            // the connection's own ConnectionState marks it idle
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                stats.capacity(0);
                context.connections().close(stats);
            }
        }
    }

    /** One HTTP/2 stream's buffer, counted into its connection's sum of open streams. */
    final class Stream implements BufferAccount {
        private final ConnectionState connection;
        private long published;
        private boolean open = true;

        Stream(ConnectionState connection) {
            this.connection = connection;
            connection.streamOpened();
        }

        @Override
        public ConnectionStats stats() {
            return connection.stats();
        }

        @Override
        public void publish(long capacity) {
            connection.addStreamCapacity(capacity - published);
            published = capacity;
        }

        @Override
        public void requestDone(long nowNanos) {
            connection.touch(nowNanos);
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                publish(0);
                connection.streamClosed();
            }
        }
    }
}
