package dev.plateau.load;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.CompletableFuture;

/**
 * One more request on a connection a finished burst holds open ({@code hold}): the "next request" after which a
 * collector with shrink on gives that connection's buffer back. The burst's response handler is swapped for a
 * one-shot one (the burst's slot is finished and no longer listens); the answer's status completes the future,
 * a closed connection fails it. Every inbound message is released by {@link SimpleChannelInboundHandler}.
 *
 * <pre>{@code
 * int status = HeldRequest.send(channel, "/app", headers, body).get();   // 201
 * }</pre>
 */
final class HeldRequest extends SimpleChannelInboundHandler<HttpObject> {
    static final String NAME = "response";
    private final CompletableFuture<Integer> answer = new CompletableFuture<>();
    private int status;

    private HeldRequest() {
    }

    /** Sends {@code body} with {@code headers} on the held channel; completes with the answer's status code. */
    static CompletableFuture<Integer> send(Channel ch, String path, HttpHeaders headers, byte[] body) {
        HeldRequest handler = new HeldRequest();
        ch.eventLoop().execute(() -> {
            if (!ch.isActive()) {
                handler.answer.completeExceptionally(new IllegalStateException("the held connection is closed"));
                return;
            }
            ch.pipeline().replace(NAME, NAME, handler);
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                    Unpooled.wrappedBuffer(body));
            request.headers().set(headers).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ch.writeAndFlush(request).addListener(f -> {
                if (!f.isSuccess()) {
                    handler.answer.completeExceptionally(f.cause());
                }
            });
        });
        return handler.answer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (msg instanceof HttpResponse response) {
            status = response.status().code();
        }
        if (msg instanceof LastHttpContent) {
            answer.complete(status);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        answer.completeExceptionally(new IllegalStateException("the collector closed the held connection"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        answer.completeExceptionally(cause);
        ctx.close();
    }
}
