package dev.plateau.collector.http;

import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;

/**
 * The pipeline of one HTTP/2 stream (a child channel of its connection): frames ↔ HTTP objects →
 * {@code Expect: 100-continue} → {@link ConnectionBuffer} (per-stream buffer, same limits, counted into the
 * connection) → {@link IngestHandler}. Same semantics as an HTTP/1.1 request; keep-alive does not apply.
 */
final class StreamInitializer extends ChannelInitializer<Http2StreamChannel> {
    private final IngestContext context;

    StreamInitializer(IngestContext context) {
        this.context = context;
    }

    @Override
    protected void initChannel(Http2StreamChannel ch) {
        ch.pipeline()
                .addLast("codec", new Http2StreamFrameToHttpObjectCodec(true))
                .addLast("expect", new ExpectContinue(context.config().bufferMaxSize()))
                .addLast("buffer", new ConnectionBuffer(context))
                .addLast("ingest", new IngestHandler(context));
    }
}
