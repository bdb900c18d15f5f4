package dev.plateau.collector.output;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * Fluent Bit's {@code out_http} with {@code format json_lines}: every chunk is POSTed as one request whose body
 * holds one {@code {"date":<double>, ...}} line per record ({@link EventJson}), optionally gzip-compressed
 * ({@code compress gzip}), with {@code Content-Type: application/x-ndjson} like Fluent Bit. One keep-alive
 * connection (Netty client, {@link HttpResponseWaiter}) is reused; {@link #write} blocks the flusher thread until the
 * answer or the timeout. 2xx is success; any other status, a timeout or an I/O error throws {@link IOException}, and
 * the {@link dev.plateau.collector.Flusher} retries with backoff up to {@code Retry_Limit}.
 *
 * <p>Buffer ownership: the request body is a new {@link ByteBuf} per attempt. Netty's encoder releases it once it is
 * written or its write failed; when the attempt fails before the write is issued, {@code write} releases it itself.
 * In every case {@code write} returns or throws only after that single release happened ({@code refCnt() == 0}),
 * so no retry ever touches a released body (the seed's "null the pointer after free" fix in Netty's terms).
 *
 * <pre>{@code
 * try (HttpOutput out = new HttpOutput(URI.create("http://127.0.0.1:8080/logs"), true, Duration.ofSeconds(10))) {
 *     out.write("app", events, records);          // IOException → retried by the flusher
 * }
 * }</pre>
 */
public final class HttpOutput implements Output {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final String CONTENT_TYPE = "application/x-ndjson";

    private final URI uri;
    private final String host;
    private final int port;
    private final String path;
    private final boolean gzip;
    private final Duration timeout;
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Bootstrap bootstrap;
    private Channel channel;
    private HttpResponseWaiter waiter;
    private volatile ByteBuf lastBody;

    /** {@code uri} is {@code http://host[:port]/path}; {@code gzip} compresses bodies; {@code timeout} bounds connect and answer. */
    public HttpOutput(URI uri, boolean gzip, Duration timeout) {
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalArgumentException("output: only http://host:port/path is supported, was '" + uri + "'");
        }
        this.uri = uri;
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.path = uri.getRawQuery() == null ? p : p + "?" + uri.getRawQuery();
        this.gzip = gzip;
        this.timeout = timeout;
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE))
                .handler(new HttpOutputInitializer());
    }

    @Override
    public void write(String tag, ByteBuf events, int records) throws IOException {
        Channel ch = connected();
        ByteBuf body = body(tag, events);
        lastBody = body;
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, body);
        request.headers()
                .set(HttpHeaderNames.HOST, host + ":" + port)
                .set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.USER_AGENT, "Fluent-Bit")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        if (gzip) {
            request.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
        }
        CompletableFuture<Integer> answer = waiter.expect();
        ChannelFuture written = ch.writeAndFlush(request);   // Netty releases the body, written or failed
        int status;
        try {
            written.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            status = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abandon(ch, "interrupted while waiting for " + uri);
        } catch (ExecutionException e) {
            throw abandon(ch, "POST " + uri + " failed: " + message(e.getCause()));
        } catch (TimeoutException e) {
            throw abandon(ch, "POST " + uri + ": no answer within " + timeout.toMillis() + " ms");
        }
        if (!written.isDone()) {
            throw abandon(ch, "POST " + uri + ": request not written within " + timeout.toMillis() + " ms");
        }
        if (waiter.closeAfterAnswer()) {
            ch.close().awaitUninterruptibly();
        }
        if (status < 200 || status > 299) {
            throw new IOException("POST " + uri + " answered HTTP " + status);
        }
    }

    /** The body of the last attempt, for tests: {@code refCnt()} is 0 once {@link #write} returned or threw. */
    ByteBuf lastBody() {
        return lastBody;
    }

    @Override
    public String name() {
        return "http:" + uri;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
            channel = null;
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private Channel connected() throws IOException {
        if (channel != null && channel.isActive()) {
            return channel;
        }
        ChannelFuture f = bootstrap.connect(host, port);
        if (!f.awaitUninterruptibly(timeout.toMillis() + 1000) || !f.isSuccess()) {
            f.channel().close();
            throw new IOException("cannot connect to " + host + ":" + port + ": "
                    + (f.cause() == null ? "timed out" : message(f.cause())));
        }
        channel = f.channel();
        waiter = channel.pipeline().get(HttpResponseWaiter.class);
        return channel;
    }

    /** Closes the connection (failing and releasing a pending write) and waits, so the body is released on return. */
    private IOException abandon(Channel ch, String message) {
        ch.close().awaitUninterruptibly();
        channel = null;
        return new IOException(message);
    }

    private ByteBuf body(String tag, ByteBuf events) throws IOException {
        ByteBuf body = alloc.buffer(Math.max(256, events.readableBytes() * 2));
        boolean ok = false;
        try (OutputStream raw = new ByteBufOutputStream(body);
             OutputStream out = gzip ? new GZIPOutputStream(raw, 8192) : raw) {
            EventJson.write(tag, events, dev.plateau.collector.FileFormat.JSON_LINES, out);
            ok = true;
        } finally {
            if (!ok) {
                body.release();
            }
        }
        return body;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
