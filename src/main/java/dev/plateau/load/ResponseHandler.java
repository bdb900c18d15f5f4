package dev.plateau.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Reads responses on one burst connection without aggregating them: remembers the status and keep-alive of
 * the head, reports the answer to its {@link ConnectionSlot} on the last content. Every message is released
 * by {@link SimpleChannelInboundHandler}. One instance per channel.
 */
final class ResponseHandler extends SimpleChannelInboundHandler<HttpObject> {
    private final ConnectionSlot slot;
    private int status;
    private boolean keepAlive;

    ResponseHandler(ConnectionSlot slot) {
        this.slot = slot;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (msg.decoderResult().isFailure()) {
            slot.onError(ctx.channel(), msg.decoderResult().cause());
            return;
        }
        if (msg instanceof HttpResponse response) {
            status = response.status().code();
            keepAlive = HttpUtil.isKeepAlive(response);
        }
        if (msg instanceof LastHttpContent && status >= 200) {
            slot.onAnswer(ctx.channel(), status, keepAlive);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        slot.onInactive(ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        slot.onError(ctx.channel(), cause);
    }
}
