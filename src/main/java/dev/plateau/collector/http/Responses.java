package dev.plateau.collector.http;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.Sizes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Every answer the collector gives, as static canned responses sent with {@link FullHttpResponse#retainedDuplicate()}.
 * Bodies are Fluent Bit's, byte for byte (docs/DESIGN.md §1), each ending in {@code \n}; all are HTTP/1.1 with
 * {@code Content-Length}. Responses that end the connection carry {@code Connection: close}.
 *
 * <pre>{@code
 * ctx.writeAndFlush(Responses.NO_PAYLOAD.retainedDuplicate());
 * FullHttpResponse ok = Responses.success(config);   // built once per collector, then duplicated
 * }</pre>
 */
public final class Responses {
    public static final FullHttpResponse INVALID_METHOD = error(HttpResponseStatus.BAD_REQUEST, "error: invalid HTTP method\n");
    public static final FullHttpResponse NO_CONTENT_TYPE =
            error(HttpResponseStatus.BAD_REQUEST, "error: header 'Content-Type' is not set\n");
    public static final FullHttpResponse INVALID_CONTENT_TYPE = error(HttpResponseStatus.BAD_REQUEST, "error: invalid 'Content-Type'\n");
    public static final FullHttpResponse NO_PAYLOAD = error(HttpResponseStatus.BAD_REQUEST, "error: no payload found\n");
    public static final FullHttpResponse UNPROCESSABLE = error(HttpResponseStatus.BAD_REQUEST, "error: unable to process records\n");
    public static final FullHttpResponse UNSUPPORTED_ENCODING =
            error(HttpResponseStatus.BAD_REQUEST, "error: unsupported content encoding\n");
    public static final FullHttpResponse UNAUTHORIZED = error(HttpResponseStatus.UNAUTHORIZED, "error: unauthorized\n");
    /** Unparsable request line, bad {@code Content-Length}, invalid chunk size: Plateau answers before closing. */
    public static final FullHttpResponse INVALID_REQUEST = closing(HttpResponseStatus.BAD_REQUEST, "error: invalid request\n");
    public static final FullHttpResponse TOO_LARGE = closing(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "");
    public static final FullHttpResponse HEADERS_TOO_LARGE = closing(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "error: request header fields too large\n");
    public static final FullHttpResponse LINE_TOO_LONG = closing(HttpResponseStatus.REQUEST_URI_TOO_LONG, "error: request line too long\n");
    public static final FullHttpResponse INTERNAL_ERROR = closing(HttpResponseStatus.INTERNAL_SERVER_ERROR, "error: internal error\n");
    public static final FullHttpResponse HEADER_TIMEOUT = closing(HttpResponseStatus.REQUEST_TIMEOUT, "");

    private Responses() {
    }

    /** The 503 of a full chunk queue; its body names the limit, so a load generator can say why. */
    public static FullHttpResponse queueFull(long memBufLimit) {
        return error(HttpResponseStatus.SERVICE_UNAVAILABLE,
                "error: ingestion queue is full (mem_buf_limit " + Sizes.formatSize(memBufLimit) + " reached)\n");
    }

    /** The success answer of a collector: {@code successful_response_code}, empty body, the {@code success_header}s. */
    public static FullHttpResponse success(CollectorConfig config) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(config.successfulResponseCode());
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        if (status.code() != HttpResponseStatus.NO_CONTENT.code()) {
            r.headers().setInt("Content-Length", 0);
        }
        for (CollectorConfig.Header h : config.successHeaders()) {
            r.headers().add(h.name(), h.value());
        }
        return r;
    }

    private static FullHttpResponse error(HttpResponseStatus status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        ByteBuf content = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes));
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        r.headers().setInt("Content-Length", bytes.length);
        return r;
    }

    private static FullHttpResponse closing(HttpResponseStatus status, String body) {
        FullHttpResponse r = error(status, body);
        r.headers().set("Connection", "close");
        return r;
    }
}
