package dev.plateau.collector.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Ticker;

/**
 * First handler of every connection, in front of the HTTP codec. At accept it enforces {@code max_connections}
 * (a connection beyond it is closed at once and counted as refused) and adds the channel to the collector's group;
 * for every read it counts the raw bytes ({@code bytes_in}, as sent) and marks the start of a request head, which
 * the idle sweep needs for the header timeout. Per channel; not {@code @Sharable}.
 */
public final class ConnectionGuard extends ChannelInboundHandlerAdapter {
    private final IngestContext context;
    private ConnectionState state;
    private Ticker ticker;
    private boolean admitted;

    public ConnectionGuard(IngestContext context) {
        this.context = context;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        state = ConnectionState.of(ctx.channel());
        ticker = ConnectionState.ticker(ctx.channel());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        int max = context.config().maxConnections();
        if (max > 0 && context.admitted().incrementAndGet() > max) {
            context.admitted().decrementAndGet();
            context.connections().refused();
            state.closing();
            ctx.close();
            return;
        }
        if (max == 0) {
            context.admitted().incrementAndGet();
        }
        admitted = true;
        context.channels().add(ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (admitted) {
            admitted = false;
            context.admitted().decrementAndGet();
            super.channelInactive(ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!admitted) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf bytes) {
            int n = bytes.readableBytes();
            state.bytesArrived(ticker.nanoTime());
            if (state.stats() != null) {
                state.stats().addBytesIn(n);
            }
            context.counters().bytesIn(n);
        }
        super.channelRead(ctx, msg);
    }
}
