package dev.plateau.collector.http;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.ConnectionStats;
import dev.plateau.events.EventKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Fluent Bit's per-connection buffer, standing where {@code HttpObjectAggregator} would (DESIGN.md §2). One real
 * {@link ByteBuf} of {@code buffer_chunk_size} is allocated at accept; it holds each request as received — the head
 * re-encoded as sent, then the body — and grows one chunk at a time. If growing would pass {@code buffer_max_size}
 * the request gets {@code 413}, {@code Connection: close}, and the connection is closed (after a short lingering
 * half-close that discards the rest, so the client reads the answer instead of a reset). On the last content the
 * whole request goes downstream as one {@link IngestRequest} whose body is a slice of this buffer; when that call
 * returns, the buffer is cleared (capacity kept, upstream) or — with the shrink policy on and capacity above two
 * chunks — replaced by a fresh one-chunk buffer, emitting {@code conn=ID shrunk buffer from A to B}.
 *
 * <pre>{@code
 * pipeline.addLast(new HttpServerCodec(...), new HttpServerKeepAliveHandler(),
 *                  new ConnectionBuffer(context), new IngestHandler(context));
 * }</pre>
 */
public final class ConnectionBuffer extends ChannelInboundHandlerAdapter {
    /** How long a connection ended by an error answer keeps reading (and discarding) before it is closed. */
    static final long LINGER_MILLIS = 2_000;

    private final IngestContext context;
    private final long chunk;
    private final long max;
    private ChannelHandlerContext ctx;
    private ConnectionState state;
    private ConnectionStats stats;
    private ByteBuf buf;
    private HttpRequest head;
    private int bodyStart;

    public ConnectionBuffer(IngestContext context) {
        this.context = context;
        CollectorConfig config = context.config();
        this.chunk = config.bufferChunkSize();
        this.max = config.bufferMaxSize();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.state = ConnectionState.of(ctx.channel());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        buf = context.allocator().directBuffer((int) chunk, (int) max);
        stats = context.connections().open(remote(ctx.channel().remoteAddress()));
        stats.capacity(buf.capacity());
        state.stats(stats);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        release();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof HttpObject http) || buf == null || state.phase() == ConnectionState.Phase.CLOSING) {
                return;
            }
            DecoderResult result = http.decoderResult();
            if (result.isFailure()) {
                respondAndClose(failureResponse(result.cause()));
                return;
            }
            if (msg instanceof HttpRequest request && !onHead(request)) {
                return;
            }
            if (msg instanceof HttpContent content && head != null) {
                onContent(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Current capacity of this connection's buffer (0 once released). */
    public int capacity() {
        return buf == null ? 0 : buf.capacity();
    }

    private boolean onHead(HttpRequest request) {
        state.headDone();
        if (request.protocolVersion().majorVersion() != 1) {
            respondAndClose(Responses.INVALID_REQUEST);
            return false;
        }
        byte[] headBytes = encodeHead(request);
        long contentLength = HttpUtil.getContentLength(request, -1L);
        if (contentLength >= 0 && capacityFor((long) buf.writerIndex() + headBytes.length + contentLength) > max
                || !grow(headBytes.length)) {
            respondAndClose(Responses.TOO_LARGE);
            return false;
        }
        buf.writeBytes(headBytes);
        head = request;
        bodyStart = buf.writerIndex();
        return true;
    }

    private void onContent(HttpContent content) {
        ByteBuf data = content.content();
        if (!grow(data.readableBytes())) {
            respondAndClose(Responses.TOO_LARGE);
            return;
        }
        buf.writeBytes(data, data.readerIndex(), data.readableBytes());
        if (content instanceof LastHttpContent) {
            dispatch();
        }
    }

    private void dispatch() {
        HttpRequest request = head;
        head = null;
        IngestRequest ingest = new IngestRequest(request.method(), request.uri(), request.protocolVersion(),
                request.headers(), HttpUtil.isKeepAlive(request), buf.slice(bodyStart, buf.writerIndex() - bodyStart));
        stats.requestDone();
        ctx.fireChannelRead(ingest);
        afterRequest();
        state.requestDone(System.currentTimeMillis());
    }

    /** Clears the buffer (capacity kept) or, under the shrink policy, goes back to one chunk. */
    private void afterRequest() {
        if (buf == null) {
            return;
        }
        int before = buf.capacity();
        if (context.policies().shrink() && before > 2 * chunk) {
            ByteBuf fresh = context.allocator().directBuffer((int) chunk, (int) max);
            buf.release();
            buf = fresh;
            stats.capacity(fresh.capacity());
            stats.shrunk();
            context.events().emit(EventKind.SHRINK,
                    "conn=" + stats.id() + " shrunk buffer from " + before + " to " + fresh.capacity());
        } else {
            buf.clear();
        }
    }

    /** Makes room for {@code n} more bytes, one chunk at a time; false if that would pass {@code buffer_max_size}. */
    private boolean grow(int n) {
        long needed = (long) buf.writerIndex() + n;
        long capacity = buf.capacity();
        if (needed <= capacity) {
            return true;
        }
        while (capacity < needed) {
            capacity += chunk;
            if (capacity > max) {
                return false;
            }
            buf.capacity((int) capacity);
            stats.capacity(capacity);
        }
        return true;
    }

    private long capacityFor(long bytes) {
        long chunks = Math.max(1, (bytes + chunk - 1) / chunk);
        return chunks * chunk;
    }

    /**
     * Called by the idle sweep on this connection's event loop: closes it if it idled past {@code idleMillis}
     * between requests, or answers {@code 408} if a request head has been arriving for longer than {@code headerMillis}.
     */
    void sweep(long nowMillis, long idleMillis, long headerMillis) {
        if (buf == null || !ctx.channel().isActive()) {
            return;
        }
        ConnectionState.Phase phase = state.phase();
        if (phase == ConnectionState.Phase.HEAD && headerMillis > 0
                && nowMillis - state.headStartedMillis() > headerMillis) {
            respondAndClose(Responses.HEADER_TIMEOUT);
        } else if (phase == ConnectionState.Phase.IDLE && idleMillis > 0
                && nowMillis - stats.lastActivityMillis() > idleMillis) {
            long idle = nowMillis - stats.lastActivityMillis();
            state.closing();
            ctx.channel().close();
            context.events().emit(EventKind.IDLE_CLOSE, String.format(Locale.ROOT,
                    "conn=%d closed after %.1fs idle", stats.id(), idle / 1000.0));
        }
    }

    /**
     * Sends a canned answer that ends the connection. It is written below the keep-alive handler (which would close
     * at once); then the output is shut down and the rest of the input discarded until the client closes or
     * {@link #LINGER_MILLIS} pass, so the client reads the answer rather than a connection reset.
     */
    private void respondAndClose(FullHttpResponse response) {
        state.closing();
        head = null;
        context.counters().response(response.status().code());
        if (stats != null) {
            stats.requestDone();
        }
        ChannelHandlerContext out = ctx.pipeline().context(HttpServerKeepAliveHandler.class);
        Channel channel = ctx.channel();
        (out == null ? ctx : out).writeAndFlush(response.retainedDuplicate()).addListener(f -> {
            if (channel instanceof DuplexChannel duplex && channel.isActive() && f.isSuccess()) {
                duplex.shutdownOutput();
                channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                channel.close();
            }
        });
    }

    private static FullHttpResponse failureResponse(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return Responses.HEADERS_TOO_LARGE;
        }
        if (cause instanceof TooLongHttpLineException) {
            return Responses.LINE_TOO_LONG;
        }
        return Responses.INVALID_REQUEST;
    }

    private static byte[] encodeHead(HttpRequest request) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(request.method().name()).append(' ').append(request.uri()).append(' ')
                .append(request.protocolVersion().text()).append("\r\n");
        for (Map.Entry<String, String> h : request.headers()) {
            sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void release() {
        if (buf != null) {
            buf.release();
            buf = null;
            if (stats != null) {
                stats.capacity(0);
                context.connections().close(stats);
            }
        }
    }

    private static String remote(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() == null ? inet.getHostString() + ":" + inet.getPort()
                    : inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
