package dev.plateau.collector.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/**
 * The pipeline of one accepted connection: guard → HTTP codec → {@code Expect: 100-continue} → keep-alive and
 * pipelining → {@link ConnectionBuffer} (where {@code HttpObjectAggregator} would stand) → {@link IngestHandler}.
 * The codec's limits are generous but bounded, never tighter than Fluent Bit (a 20 KB header is accepted).
 * With {@code http2} on (the default) the codec is wrapped by {@link H2c}: prior knowledge and {@code Upgrade: h2c}
 * switch the connection to HTTP/2, whose streams run the same buffer and ingest handlers. Any channel type (a socket,
 * or an {@code EmbeddedChannel} in the pipeline fuzz test).
 */
public final class IngestInitializer extends ChannelInitializer<Channel> {
    /** Longest request line and largest header block accepted; beyond them the answer is 414 / 431 and close. */
    public static final int MAX_LINE = 64 * 1024;
    public static final int MAX_HEADERS = 64 * 1024;

    private final IngestContext context;

    public IngestInitializer(IngestContext context) {
        this.context = context;
    }

    @Override
    protected void initChannel(Channel ch) {
        HttpServerCodec codec = new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_LINE).setMaxHeaderSize(MAX_HEADERS));
        ch.pipeline()
                .addLast("guard", new ConnectionGuard(context))
                .addLast("codec", context.config().http2() ? H2c.handler(context, codec) : codec)
                .addLast("expect", new ExpectContinue(context.config().bufferMaxSize()))
                .addLast("keepalive", new HttpServerKeepAliveHandler())
                .addLast("buffer", new ConnectionBuffer(context))
                .addLast("ingest", new IngestHandler(context));
    }
}
