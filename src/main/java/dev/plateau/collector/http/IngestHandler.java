package dev.plateau.collector.http;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.encode.EventTime;
import dev.plateau.collector.encode.LogEventEncoder;
import dev.plateau.collector.encode.RecordException;
import dev.plateau.collector.encode.RequestContext;
import dev.plateau.events.EventKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Fluent Bit's {@code in_http} request handling (docs/DESIGN.md §1), byte for byte: bearer token, POST only, queue
 * full → 503, Content-Type, empty body, Content-Encoding (gzip, zstd, snappy inflated, bounded: {@link CompressedBody}), JSON or form encoding through the
 * event loop's {@link LogEventEncoder}, then each tag's events appended to its chunk in the queue and the success
 * answer. A rejected request commits nothing. After every request — success and every error — the encoder is reset
 * (Fluent Bit 4) or destroyed (reinit policy, and always under profile {@code fluent-bit-5.1}, as 5.1.1's
 * {@code http_prot.c:857,880} creates and destroys it per request). Per channel; runs synchronously inside the {@link ConnectionBuffer}'s
 * {@code fireChannelRead}, because the request's body is a slice of that buffer.
 */
public final class IngestHandler extends ChannelInboundHandlerAdapter {
    private enum BodyType { JSON, FORM }

    private final IngestContext context;
    private final FullHttpResponse queueFull;
    private final CollectorConfig config;
    private LogEventEncoder encoder;
    /** The success answer has no {@code Connection} header of its own, so keep-alive answers may share its headers. */
    private final boolean sharedSuccess;
    private String lastUri;
    private String lastTag;

    public IngestHandler(IngestContext context) {
        this.context = context;
        this.config = context.config();
        this.queueFull = Responses.queueFull(config.memBufLimit());
        this.sharedSuccess = !context.success().headers().contains(HttpHeaderNames.CONNECTION);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        encoder = context.encoders().of(ctx.channel().eventLoop());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof IngestRequest request)) {
            super.channelRead(ctx, msg);
            return;
        }
        FullHttpResponse answer;
        try {
            answer = handle(ctx, request);
        } catch (RuntimeException e) {
            context.events().emit(EventKind.ERROR, "request " + request.method() + " " + request.uri() + " failed: " + e);
            answer = Responses.INTERNAL_ERROR;
        } finally {
            if (context.policies().reinit() || config.profile().encoderPerRequest()) {
                encoder.destroy();
            } else {
                encoder.reset();
            }
        }
        context.counters().response(answer.status().code());
        // no promise per request: nothing waits on this write; a failed write reaches exceptionCaught
        ctx.writeAndFlush(outgoing(answer, request, answer == context.success() && sharedSuccess), ctx.voidPromise());
    }

    /**
     * The canned answer to send. A keep-alive HTTP/1.1 request getting the success answer (when its configured
     * headers hold no {@code Connection}; errors are rare and always copied) shares the canned headers: nothing downstream writes them then ({@code HttpServerKeepAliveHandler} only
     * marks answers that close, the encoders only read), so no header copy per request. Every other case gets a
     * private copy, which the keep-alive handler (or the HTTP/1.0 keep-alive line below) may change.
     */
    static FullHttpResponse outgoing(FullHttpResponse answer, IngestRequest request, boolean mayShare) {
        boolean http10 = request.version().equals(HttpVersion.HTTP_1_0);
        if (mayShare && request.keepAlive() && !http10) {
            return new DefaultFullHttpResponse(answer.protocolVersion(), answer.status(),
                    answer.content().retainedDuplicate(), answer.headers(), answer.trailingHeaders());
        }
        FullHttpResponse out = answer.retainedDuplicate();
        if (request.keepAlive() && http10 && answer != Responses.TOO_LARGE) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return out;
    }

    /** Last handler: a reset or broken connection just ends it (no stack trace at the pipeline's tail). */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            context.events().emit(EventKind.ERROR, "connection " + ctx.channel().remoteAddress() + ": " + cause);
        }
        ctx.close();
    }

    private FullHttpResponse handle(ChannelHandlerContext ctx, IngestRequest request) {
        HttpHeaders headers = request.headers();
        if (!config.authorizes(headers.get(HttpHeaderNames.AUTHORIZATION))) {
            return Responses.UNAUTHORIZED;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            return Responses.INVALID_METHOD;
        }
        if (context.queue().isFull()) {
            return queueFull;
        }
        String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType == null) {
            return Responses.NO_CONTENT_TYPE;
        }
        BodyType type = bodyType(contentType);
        if (type == null) {
            return Responses.INVALID_CONTENT_TYPE;
        }
        if (!request.body().isReadable()) {
            return Responses.NO_PAYLOAD;
        }
        String encoding = headers.get(HttpHeaderNames.CONTENT_ENCODING);
        String coding = encoding == null ? "identity" : encoding.trim().toLowerCase(Locale.ROOT);
        switch (coding) {
            case "identity", "":
                return encode(request, request.body(), type);
            case "deflate":
                return Responses.UNPROCESSABLE;
            default:
                CompressedBody.Coding compressed = CompressedBody.Coding.of(coding);
                return compressed == null ? Responses.UNSUPPORTED_ENCODING : encodeCompressed(request, compressed, type);
        }
    }

    private FullHttpResponse encodeCompressed(IngestRequest request, CompressedBody.Coding coding, BodyType type) {
        ByteBuf plain;
        try {
            plain = CompressedBody.inflate(coding, request.body(), config.bufferMaxSize(), context.allocator());
        } catch (CompressedBody.TooLargeException e) {
            return Responses.TOO_LARGE;
        } catch (IOException e) {
            return Responses.UNPROCESSABLE;
        }
        try {
            return encode(request, plain, type);
        } finally {
            plain.release();
        }
    }

    private FullHttpResponse encode(IngestRequest request, ByteBuf body, BodyType type) {
        String tag = tagOf(request.uri());
        String remote = config.addRemoteAddr() ? firstForwardedFor(request.headers()) : null;
        RequestContext rc = new RequestContext(EventTime.now(), tag, config.tagKey(), config.remoteAddrKey(), remote);
        LogEventEncoder.Batch batch;
        try {
            batch = type == BodyType.JSON ? encoder.encodeJson(body, rc) : encoder.encodeForm(body, rc);
        } catch (RecordException e) {
            return Responses.UNPROCESSABLE;
        }
        commit(batch);
        return context.success();
    }

    /** The tag of a request path; a connection usually posts to one path, so the last one is kept. */
    private String tagOf(String uri) {
        if (!uri.equals(lastUri)) {
            lastTag = TagRules.fromUri(uri, config.tag());
            lastUri = uri;
        }
        return lastTag;
    }

    /** Appends each tag group of the encoder's buffer to its tag's chunk in the queue (native memory). */
    private void commit(LogEventEncoder.Batch batch) {
        ByteBuf events = encoder.buffer();
        List<LogEventEncoder.TagGroup> groups = batch.groups();
        for (int i = 0; i < groups.size(); i++) { // indexed: no iterator object per request
            LogEventEncoder.TagGroup group = groups.get(i);
            context.queue().append(group.tag(), events, group.offset(), group.length(), group.records());
        }
        context.counters().recordsIn(batch.records());
    }

    private static BodyType bodyType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String mime = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim();
        if (mime.equalsIgnoreCase("application/json")) {
            return BodyType.JSON;
        }
        if (mime.equalsIgnoreCase("application/x-www-form-urlencoded")) {
            return BodyType.FORM;
        }
        return null;
    }

    private static String firstForwardedFor(HttpHeaders headers) {
        String xff = headers.get("X-Forwarded-For");
        if (xff == null) {
            return null;
        }
        int comma = xff.indexOf(',');
        String first = (comma >= 0 ? xff.substring(0, comma) : xff).trim();
        return first.isEmpty() ? null : first;
    }
}
