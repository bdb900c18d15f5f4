package dev.plateau.collector.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.AsciiString;

/**
 * HTTP/2 cleartext on the HTTP/1.1 port, both ways Fluent Bit accepts it: prior knowledge (the client starts with
 * the connection preface) and {@code Upgrade: h2c}. Netty's {@link CleartextHttp2ServerUpgradeHandler} stands where
 * the HTTP codec would; once a connection switches, an {@link Http2FrameCodec} and an {@link Http2MultiplexHandler}
 * give every stream a child channel running {@link StreamInitializer}'s pipeline (the same buffer and ingest logic
 * as HTTP/1.1), and the connection's {@link ConnectionBuffer} is told ({@link ConnectionBuffer#switchedToH2()}).
 * The upgrade request itself (its body aggregated up to {@code buffer_max_size}) becomes stream 1. Only a
 * connection's first request may upgrade; an {@code Upgrade} header on a later one is ignored (served as HTTP/1.1).
 *
 * <pre>{@code
 * HttpServerCodec codec = new HttpServerCodec(...);
 * pipeline.addLast("h2c", H2c.handler(context, codec));   // instead of addLast("codec", codec)
 * }</pre>
 */
final class H2c {
    /** Streams a client may open at once on one connection (nghttp2's recommended 100); each has its own buffer. */
    static final int MAX_CONCURRENT_STREAMS = 100;

    private H2c() {
    }

    /** The per-connection handler that serves HTTP/1.1 through {@code codec} and switches to HTTP/2 when asked. */
    static ChannelHandler handler(IngestContext context, HttpServerCodec codec) {
        HttpServerUpgradeHandler.UpgradeCodecFactory factory = protocol ->
                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(frameCodec(), new Http2MultiplexHandler(new StreamInitializer(context)),
                                new Switched())
                        : null;
        int maxUpgradeBody = (int) Math.min(context.config().bufferMaxSize(), Integer.MAX_VALUE);
        // the upgrade is offered on a connection's first request (as curl, nghttp2 and Java's HttpClient send it);
        // after a plain first request the handler leaves the pipeline, one handler less on every later request
        // (RFC 9110 §7.8: a server may ignore Upgrade)
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(codec, factory, maxUpgradeBody,
                DefaultHttpHeadersFactory.headersFactory(), DefaultHttpHeadersFactory.trailersFactory(), true);
        return new CleartextHttp2ServerUpgradeHandler(codec, upgrade, new PriorKnowledge(context));
    }

    static Http2FrameCodec frameCodec() {
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .maxHeaderListSize(IngestInitializer.MAX_HEADERS))
                .build();
    }

    /** Tells the connection's buffer that HTTP/2 took over, then leaves the pipeline. */
    private static final class Switched extends ChannelHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ConnectionBuffer buffer = ctx.pipeline().get(ConnectionBuffer.class);
            if (buffer != null) {
                buffer.switchedToH2();
            }
            ctx.pipeline().remove(this);
        }
    }

    /** Prior knowledge: installs frame codec and multiplexer in its own place, then leaves the pipeline. */
    private static final class PriorKnowledge extends ChannelHandlerAdapter {
        private final IngestContext context;

        PriorKnowledge(IngestContext context) {
            this.context = context;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.pipeline()
                    .addAfter(ctx.name(), "h2", frameCodec())
                    .addAfter("h2", "h2-streams", new Http2MultiplexHandler(new StreamInitializer(context)))
                    .addAfter("h2-streams", "h2-switched", new Switched());
            ctx.pipeline().remove(this);
        }
    }
}
