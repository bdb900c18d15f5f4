package dev.plateau.collector.http;

import dev.plateau.collector.BufferModel;
import dev.plateau.collector.CollectorException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The listening side of the collector: one acceptor thread, {@code workers} event-loop threads, the
 * {@link IngestInitializer} pipeline and the {@link IdleSweep}. With buffer model {@code v5} every connection reads in
 * {@code buffer_chunk_size} pieces ({@link FixedRecvByteBufAllocator}), like Fluent Bit 5's shared server. {@link #stop()} closes the listener, then every
 * connection, then shuts the event loops down gracefully and waits for them.
 *
 * <pre>{@code
 * HttpServer server = new HttpServer(context);
 * InetSocketAddress bound = server.start();   // CollectorException if the port is in use
 * server.stop();
 * }</pre>
 */
public final class HttpServer {
    private final IngestContext context;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel listener;
    private ScheduledFuture<?> sweep;

    public HttpServer(IngestContext context) {
        this.context = context;
    }

    /** Binds {@code listen:port} and starts accepting; returns the bound address. */
    public InetSocketAddress start() {
        String host = context.config().listen();
        int port = context.config().port();
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("plateau-accept"), NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(context.config().workers(), new DefaultThreadFactory("plateau-io"),
                NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                // socket reads and responses use Netty's default allocator; the configured one (what Plateau
                // charts) holds the connection buffers, encoder buffers and chunks
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new IngestInitializer(context));
        if (context.config().bufferModel() == BufferModel.V5) {
            // Fluent Bit 5 reads each session in buffer_chunk_size pieces
            b.childOption(ChannelOption.RECVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator((int) Math.min(context.config().bufferChunkSize(), 1 << 30)));
        }
        try {
            listener = b.bind(host, port).sync().channel();
        } catch (Exception e) {
            shutdownGroups();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new CollectorException("port " + port + " on " + host + " is in use (another collector or a Fluent Bit"
                        + " may be listening there; choose another with --port, or 0 for any free port)", e);
            }
            throw new CollectorException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        sweep = boss.next().scheduleAtFixedRate(new IdleSweep(context), IdleSweep.PERIOD_MILLIS,
                IdleSweep.PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return (InetSocketAddress) listener.localAddress();
    }

    public InetSocketAddress address() {
        return listener == null ? null : (InetSocketAddress) listener.localAddress();
    }

    /** Closes the listener and every connection, then stops the event loops and waits for them. */
    public void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        context.channels().close().awaitUninterruptibly();
        shutdownGroups();
    }

    private void shutdownGroups() {
        if (workers != null) {
            workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
