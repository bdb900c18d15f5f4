package dev.plateau.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;

/**
 * Reads responses on one burst connection without aggregating them: remembers the status and keep-alive of
 * the head, reports the answer to its {@link ConnectionSlot} on the last content; of a non-2xx answer the first
 * {@value #MAX_REASON} characters of the body are its reason ("error: ingestion queue is full ..."). Every message is released
 * by {@link SimpleChannelInboundHandler}. One instance per channel.
 */
final class ResponseHandler extends SimpleChannelInboundHandler<HttpObject> {
    /** How much of a non-2xx answer's body is kept as its reason. */
    static final int MAX_REASON = 200;
    private final ConnectionSlot slot;
    private int status;
    private boolean keepAlive;
    private final StringBuilder reason = new StringBuilder();

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
            reason.setLength(0);
        }
        if (msg instanceof HttpContent content && (status < 200 || status > 299) && reason.length() < MAX_REASON) {
            ByteBuf b = content.content();
            int n = Math.min(b.readableBytes(), MAX_REASON - reason.length());
            reason.append(b.toString(b.readerIndex(), n, StandardCharsets.UTF_8));
        }
        if (msg instanceof LastHttpContent && status >= 200) {
            if (status > 299) {
                slot.onReason(status, reason.toString().strip());
            }
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
