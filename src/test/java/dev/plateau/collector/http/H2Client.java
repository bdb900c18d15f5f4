package dev.plateau.collector.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A prior-knowledge HTTP/2 client (Netty): the connection starts with the preface, streams are sent frame by frame. */
final class H2Client implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel connection;

    /** One stream: its answer's status, or the reset that ended it. */
    static final class Stream extends SimpleChannelInboundHandler<Http2StreamFrame> {
        final CompletableFuture<Integer> status = new CompletableFuture<>();
        final CompletableFuture<Long> reset = new CompletableFuture<>();
        Http2StreamChannel channel;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
            if (frame instanceof Http2HeadersFrame h && h.headers().status() != null) {
                int code = Integer.parseInt(h.headers().status().toString());
                if (code >= 200) {
                    status.complete(code);
                }
            } else if (frame instanceof Http2ResetFrame r) {
                reset.complete(r.errorCode());
            }
        }

        /** Sends the request head; {@code end} = no body follows. */
        Stream head(String path, String contentType, boolean end) {
            DefaultHttp2Headers h = new DefaultHttp2Headers();
            h.method("POST").path(path).scheme("http").authority("localhost");
            if (contentType != null) {
                h.add("content-type", contentType);
            }
            channel.writeAndFlush(new DefaultHttp2HeadersFrame(h, end));
            return this;
        }

        Stream data(byte[] bytes, boolean end) {
            channel.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(bytes), end));
            return this;
        }

        int await() throws Exception {
            return status.get(10, TimeUnit.SECONDS);
        }
    }

    H2Client(InetSocketAddress address) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                        .addLast(Http2FrameCodecBuilder.forClient().build())
                        .addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
            }
        });
        connection = b.connect(address).sync().channel();
    }

    Stream open() throws InterruptedException {
        Stream s = new Stream();
        s.channel = new Http2StreamChannelBootstrap(connection).handler(s).open().sync().getNow();
        return s;
    }

    boolean isActive() {
        return connection.isActive();
    }

    @Override
    public void close() {
        connection.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
