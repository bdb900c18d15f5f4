package dev.plateau.collector.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's {@code Expect: 100-continue} handling, except that a request whose {@code Content-Length} alone already
 * exceeds {@code buffer_max_size} gets no {@code 100 Continue}: its {@code Expect} header is dropped and the
 * {@link ConnectionBuffer} answers {@code 413} at once, so the client never sends the body.
 */
public final class ExpectContinue extends HttpServerExpectContinueHandler {
    private final long maxSize;

    public ExpectContinue(long maxSize) {
        this.maxSize = maxSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request && HttpUtil.is100ContinueExpected(request)
                && HttpUtil.getContentLength(request, -1L) > maxSize) {
            request.headers().remove(HttpHeaderNames.EXPECT);
        }
        super.channelRead(ctx, msg);
    }
}
