package dev.plateau.collector.output;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Last handler of the {@link HttpOutput} connection: completes the pending request's future with the answer's
 * status, or exceptionally when the connection fails or closes first. The aggregated response is released by
 * {@link SimpleChannelInboundHandler}. One request is in flight at a time (the flusher thread is blocked on it).
 */
final class HttpResponseWaiter extends SimpleChannelInboundHandler<FullHttpResponse> {
    private volatile CompletableFuture<Integer> pending = new CompletableFuture<>();
    private volatile boolean closeAfterAnswer;

    /** A new future for the next request (called by the flusher thread before writing). */
    CompletableFuture<Integer> expect() {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        pending = f;
        closeAfterAnswer = false;
        return f;
    }

    /** True when the last answer asked to close the connection ({@code Connection: close} or HTTP/1.0). */
    boolean closeAfterAnswer() {
        return closeAfterAnswer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        closeAfterAnswer = !HttpUtil.isKeepAlive(response);
        pending.complete(response.status().code());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        pending.completeExceptionally(new IOException("connection closed before the answer"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        pending.completeExceptionally(cause);
        ctx.close();
    }
}
