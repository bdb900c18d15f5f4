package dev.plateau.collector.http;

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
import io.netty.util.concurrent.Ticker;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
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
 * <p>Buffer model {@code v5} (Fluent Bit 5's shared HTTP server, {@code src/http_server/}): the buffer starts at
 * {@link #V5_INITIAL} (10 KiB, {@code HTTP_SERVER_INITIAL_BUFFER_SIZE}) and grows to exactly what the request needs
 * (no chunk rounding); the socket is read in {@code buffer_chunk_size} pieces (set on the channel by
 * {@link HttpServer}). Limits, 413, keep-after-request and the shrink policy (back to the initial size) are the same.
 *
 * <p>HTTP/2 (h2c): the same handler runs in every stream's child channel behind
 * {@code Http2StreamFrameToHttpObjectCodec}, with the same limits per stream; a stream's buffer is counted into its
 * connection's {@link ConnectionStats} (capacity = sum of its open streams' buffers, protocol {@code h2c}), and a
 * stream past {@code buffer_max_size} gets {@code 413} (the rest of its body is discarded, the stream reset after
 * the linger time if the client keeps sending) while the other streams go on. The connection's own HTTP/1 buffer is released when it switches to HTTP/2 ({@link #switchedToH2()}).
 *
 * <pre>{@code
 * pipeline.addLast(new HttpServerCodec(...), new HttpServerKeepAliveHandler(),
 *                  new ConnectionBuffer(context), new IngestHandler(context));
 * }</pre>
 *
 * <p>Over 300 lines on purpose: it is one channel's buffer and its whole life (accept, each request's head and body,
 * growth, the idle and header sweeps, the failure answers, release), confined to the channel's event loop; the
 * growth rules themselves are the {@code BufferModel} types.
 */
public final class ConnectionBuffer extends ChannelInboundHandlerAdapter {
    /** How long a connection ended by an error answer keeps reading (and discarding) before it is closed. */
    static final long LINGER_MILLIS = 2_000;
    private static final int CRLF = '\r' << 8 | '\n';
    private static final int COLON_SPACE = ':' << 8 | ' ';
    /** Initial buffer of the {@code v5} model: Fluent Bit 5's {@code HTTP_SERVER_INITIAL_BUFFER_SIZE}. */
    public static final int V5_INITIAL = SessionGrowth.INITIAL;

    private final IngestContext context;
    private final BufferModel model;
    private ChannelHandlerContext ctx;
    private ConnectionState state;
    private BufferAccount account;
    private Ticker ticker;
    private long openedNanos;
    private ByteBuf buf;
    private ByteBuf readBuffer;
    private HttpRequest head;
    private int bodyStart;

    public ConnectionBuffer(IngestContext context) {
        this.context = context;
        this.model = BufferModel.of(context.config());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.state = ConnectionState.of(ctx.channel());
        this.ticker = ConnectionState.ticker(ctx.channel());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        buf = context.allocator().directBuffer(model.initial(), (int) model.max());
        openedNanos = ticker.nanoTime();
        account = BufferAccount.open(context, ctx.channel(), state);
        account.publish(buf.capacity());
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        release();
        super.channelInactive(ctx);
    }

    /**
     * The connection now speaks HTTP/2: its requests arrive as streams with their own buffers, so this connection's
     * HTTP/1 buffer is released and its capacity becomes the sum of its streams' buffers. Called on the event loop by
     * the handler that installs HTTP/2 ({@link H2c}).
     */
    void switchedToH2() {
        if (account instanceof BufferAccount.Stream || state.h2()) {
            return;
        }
        state.h2(true);
        if (buf != null) {
            buf.release();
            buf = null;
        }
        if (account != null) {
            account.stats().protocol("h2c");
            account.publish(state.streamCapacity());
        }
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
        int headLength = headLength(request);
        long contentLength = HttpUtil.getContentLength(request, -1L);
        if (contentLength >= 0 && model.capacityFor((long) buf.writerIndex() + headLength + contentLength) > model.max()
                || !grow(headLength)) {
            respondAndClose(Responses.TOO_LARGE);
            return false;
        }
        writeHead(buf, request);
        if (readBuffer == null && model.readBuffer() > 0) {
            readBuffer = context.allocator().directBuffer(model.readBuffer(), model.readBuffer());
        }
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
        account.stats().requestDone();
        touchReadBuffer(buf.writerIndex());
        ctx.fireChannelRead(ingest);
        afterRequest();
        long now = ticker.nanoTime();
        state.requestDone(now);
        account.requestDone(now);
    }

    /**
     * Writes the read buffer as far as this request's bytes would have filled it, so its pages are resident as in
     * Fluent Bit, where {@code read()} fills it (the bytes themselves took Netty's path).
     */
    private void touchReadBuffer(int requestBytes) {
        if (readBuffer != null) {
            int upTo = Math.min(requestBytes, readBuffer.capacity());
            if (upTo > readBuffer.writerIndex()) {
                readBuffer.writeZero(upTo - readBuffer.writerIndex());
            }
        }
    }

    /** Clears the buffer (capacity kept) or, under the shrink policy, goes back to the model's initial size. */
    private void afterRequest() {
        if (buf == null) {
            return;
        }
        int before = buf.capacity();
        if (context.policies().shrink() && before > model.shrinkAbove()) {
            ByteBuf fresh = context.allocator().directBuffer(model.initial(), (int) model.max());
            buf.release();
            buf = fresh;
            account.publish(fresh.capacity());
            account.stats().shrunk();
            context.events().emit(EventKind.SHRINK,
                    "conn=" + account.stats().id() + " shrunk buffer from " + before + " to " + fresh.capacity());
        } else {
            buf.clear();
        }
    }

    /** Makes room for {@code n} more bytes as the model grows; false if that would pass {@code buffer_max_size}. */
    private boolean grow(int n) {
        long needed = (long) buf.writerIndex() + n;
        if (needed <= buf.capacity()) {
            return true;
        }
        long capacity = model.grow(buf.capacity(), needed);
        if (capacity < 0) {
            return false;
        }
        buf.capacity((int) capacity);
        account.publish(capacity);
        return true;
    }

    /**
     * Called by the idle sweep on this connection's event loop: closes it if it idled past {@code idleNanos}
     * between requests, or answers {@code 408} if a request head has been arriving for longer than
     * {@code headerNanos}. Times are the event loop's ticker's ({@link IdleSweep} reads the same ticker).
     */
    void sweep(long nowNanos, long idleNanos, long headerNanos) {
        if (account == null || !ctx.channel().isActive()) {
            return;
        }
        long idle = nowNanos - state.lastActivityNanos(openedNanos);
        if (state.h2()) {
            if (idleNanos > 0 && state.openStreams() == 0 && idle > idleNanos) {
                closeIdle(idle);
            }
            return;
        }
        if (buf == null) {
            return;
        }
        ConnectionState.Phase phase = state.phase();
        if (phase == ConnectionState.Phase.HEAD && headerNanos > 0 && nowNanos - state.headStartedNanos() > headerNanos) {
            respondAndClose(Responses.HEADER_TIMEOUT);
        } else if (phase == ConnectionState.Phase.IDLE && idleNanos > 0 && idle > idleNanos) {
            closeIdle(idle);
        }
    }

    private void closeIdle(long idleNanos) {
        state.closing();
        // the event first: whoever sees the connection closed must find it in the log
        context.events().emit(EventKind.IDLE_CLOSE, String.format(Locale.ROOT,
                "conn=%d closed after %.1fs idle", account.stats().id(), idleNanos / 1e9));
        ctx.channel().close();
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
        if (account != null && account.stats() != null) {
            account.stats().requestDone();
        }
        ChannelHandlerContext out = ctx.pipeline().context(HttpServerKeepAliveHandler.class);
        Channel channel = ctx.channel();
        (out == null ? ctx : out).writeAndFlush(response.retainedDuplicate()).addListener(f -> {
            if (account instanceof BufferAccount.Stream) {
                // the answer ended our side of the stream; the rest of the body is read and discarded until the
                // client ends the stream (it then closes by itself) or LINGER_MILLIS pass (RST_STREAM CANCEL)
                channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            } else if (channel instanceof DuplexChannel duplex && channel.isActive() && f.isSuccess()) {
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

    /** Bytes of the head re-encoded as sent (ISO-8859-1: one byte per char). */
    private static int headLength(HttpRequest request) {
        int n = request.method().name().length() + 1 + request.uri().length() + 1
                + request.protocolVersion().text().length() + 2 + 2;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = request.headers().iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> h = it.next();
            n += h.getKey().length() + 2 + h.getValue().length() + 2;
        }
        return n;
    }

    /** Writes the head straight into the buffer (no intermediate String or byte[]); room was made by the caller. */
    private static void writeHead(ByteBuf buf, HttpRequest request) {
        buf.writeCharSequence(request.method().name(), StandardCharsets.ISO_8859_1);
        buf.writeByte(' ');
        buf.writeCharSequence(request.uri(), StandardCharsets.ISO_8859_1);
        buf.writeByte(' ');
        buf.writeCharSequence(request.protocolVersion().text(), StandardCharsets.ISO_8859_1);
        buf.writeShort(CRLF);
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = request.headers().iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> h = it.next();
            buf.writeCharSequence(h.getKey(), StandardCharsets.ISO_8859_1);
            buf.writeShort(COLON_SPACE);
            buf.writeCharSequence(h.getValue(), StandardCharsets.ISO_8859_1);
            buf.writeShort(CRLF);
        }
        buf.writeShort(CRLF);
    }

    private void release() {
        if (buf != null) {
            buf.release();
            buf = null;
        }
        if (readBuffer != null) {
            readBuffer.release();
            readBuffer = null;
        }
        if (account != null) {
            account.close();
        }
    }
}
