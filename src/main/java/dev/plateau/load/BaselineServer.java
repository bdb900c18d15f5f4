package dev.plateau.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A bare Netty HTTP server that accepts anything and answers {@code 201} with an empty body: the yardstick
 * for {@code plateau bench} (what does Netty cost before the collector does any work?) and the target of the
 * burst tests. Counts accepted and open connections, requests and body bytes.
 *
 * <pre>{@code
 * try (BaselineServer server = new BaselineServer()) {
 *     InetSocketAddress at = server.start("127.0.0.1", 0);
 *     ... fire requests at http://127.0.0.1:{at.getPort()}/ ...
 *     long n = server.requests();
 * }
 * }</pre>
 */
public final class BaselineServer implements AutoCloseable {
    private final int workerThreads;
    private final BaselineHandler handler = new BaselineHandler();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private ChannelGroup channels;
    private Channel listener;

    /** A server with one worker thread per core. */
    public BaselineServer() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public BaselineServer(int workerThreads) {
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads: must be >= 1, was " + workerThreads);
        }
        this.workerThreads = workerThreads;
    }

    /** Binds and serves; returns the bound address (the real port when {@code port} is 0). */
    public synchronized InetSocketAddress start(String host, int port) {
        if (listener != null) {
            throw new IllegalStateException("baseline server already started on " + listener.localAddress());
        }
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("baseline-boss", true), NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory("baseline-io", true),
                NioIoHandler.newFactory());
        channels = new DefaultChannelGroup("baseline", GlobalEventExecutor.INSTANCE);
        ChannelGroup group = channels;
        try {
            listener = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            group.add(ch);
                            ch.pipeline().addLast(new HttpServerCodec());
                            ch.pipeline().addLast(new HttpServerKeepAliveHandler());
                            ch.pipeline().addLast(handler);
                        }
                    })
                    .bind(host, port).syncUninterruptibly().channel();
        } catch (Exception e) { // syncUninterruptibly rethrows the checked BindException as is
            stop();
            throw new IllegalStateException("baseline server: cannot bind " + host + ":" + port + " (" + e.getMessage() + ")", e);
        }
        return (InetSocketAddress) listener.localAddress();
    }

    /** Closes the listener and every connection, stops the threads. Idempotent. */
    public synchronized void stop() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
            listener = null;
        }
        if (channels != null) {
            channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            workers = null;
            boss = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Connections open right now. */
    public int openConnections() {
        return handler.open.get();
    }

    /** Connections accepted since start. */
    public long acceptedConnections() {
        return handler.accepted.sum();
    }

    /** Requests answered since start. */
    public long requests() {
        return handler.requests.sum();
    }

    /** Request body bytes received (as sent, before any decompression) since start. */
    public long bodyBytes() {
        return handler.bodyBytes.sum();
    }
}
