package dev.plateau.telemetry;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The monitoring HTTP server, like Fluent Bit's on port 2020 (loopback by default). Routes are in
 * {@link MonitorHandler}:
 *
 * <table>
 * <tr><td>{@code GET /api/v1/health}</td><td>{@code ok}</td></tr>
 * <tr><td>{@code GET /api/v1/metrics}</td><td>JSON: every sample column, requests by code, policies</td></tr>
 * <tr><td>{@code GET /api/v1/metrics/prometheus}, {@code /api/v2/metrics/prometheus}</td><td>{@link PrometheusText}</td></tr>
 * <tr><td>{@code GET /api/v1/connections}</td><td>JSON list of live connections with their buffer figures</td></tr>
 * <tr><td>{@code PUT /api/v1/policies}</td><td>{@code {"shrink": true, "reinit": true, "idle_timeout": "10s"}}</td></tr>
 * </table>
 *
 * <pre>{@code
 * MonitorServer monitor = new MonitorServer(() -> collector, sampler, "127.0.0.1", 2020);
 * monitor.start();                  // CollectorException "monitor port 2020 is in use ..." if taken
 * monitor.address();                // the bound port when started with 0
 * monitor.stop();
 * }</pre>
 */
public final class MonitorServer implements AutoCloseable {
    private final Supplier<Collector> collector;
    private final Sampler sampler;
    private final String listen;
    private final int port;
    private EventLoopGroup group;
    private Channel channel;

    public MonitorServer(Supplier<Collector> collector, Sampler sampler, String listen, int port) {
        this.collector = Objects.requireNonNull(collector, "collector");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.listen = Objects.requireNonNull(listen, "listen");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("monitor port: must be 0-65535, was " + port);
        }
        this.port = port;
    }

    /** Binds and serves on one event-loop thread. Throws {@link CollectorException} when the port is taken. */
    public synchronized void start() {
        if (channel != null) {
            return;
        }
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpServerKeepAliveHandler())
                                .addLast(new HttpObjectAggregator(MonitorHandler.MAX_BODY))
                                .addLast(new MonitorHandler(collector, sampler));
                    }
                });
        ChannelFuture bound = b.bind(listen, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
            Throwable e = bound.cause();
            throw new CollectorException("monitor port " + port + " on " + listen + " is not available: "
                    + e.getMessage() + " (choose another with --monitor-port, 0 = off)", e);
        }
        channel = bound.channel();
    }

    /** Closes the listener and all monitor connections. Idempotent. */
    public synchronized void stop() {
        if (channel == null) {
            return;
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        channel = null;
        group = null;
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized InetSocketAddress address() {
        if (channel == null) {
            throw new IllegalStateException("monitor server is not running");
        }
        return (InetSocketAddress) channel.localAddress();
    }
}
