package dev.plateau.collector.http;

import dev.plateau.collector.ChunkQueue;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.EncoderStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.nio.charset.StandardCharsets;

/**
 * The ingest pipeline of {@link IngestInitializer} on an {@link EmbeddedChannel} with a mock ticker: bytes in,
 * bytes out, no socket and no wall clock. {@link #close()} finishes the channel, releases what is left and destroys
 * the encoders and queued chunks.
 */
final class EmbeddedPipeline implements AutoCloseable {
    final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
    final MockTicker ticker = Ticker.newMockTicker();
    final ChunkQueue queue = new ChunkQueue(0);
    final Encoders encoders = new Encoders(alloc, new EncoderStats());
    final IngestContext context;
    final EmbeddedChannel channel;
    /** An unbound server channel as the parent, so HTTP/2's multiplexer treats this side as the server. */
    private final NioServerSocketChannel parent = new NioServerSocketChannel();

    EmbeddedPipeline(CollectorConfig config) {
        context = TestContexts.of(config, alloc, queue, encoders);
        HttpServerCodec codec = new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(IngestInitializer.MAX_LINE).setMaxHeaderSize(IngestInitializer.MAX_HEADERS));
        ChannelHandler first = config.http2() ? H2c.handler(context, codec) : codec;
        channel = EmbeddedChannel.builder().parent(parent).ticker(ticker).handlers(new ConnectionGuard(context), first,
                new ExpectContinue(config.bufferMaxSize()), new HttpServerKeepAliveHandler(),
                new ConnectionBuffer(context), new IngestHandler(context)).build();
    }

    /** Writes {@code text} as ISO-8859-1 bytes, as a client would send them. */
    void send(String text) {
        send(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    void send(ByteBuf bytes) {
        channel.writeInbound(bytes);
        channel.runPendingTasks();
    }

    /** Everything written to the client so far, as ISO-8859-1 text; each buffer read is released. */
    String received() {
        StringBuilder sb = new StringBuilder();
        for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
            try {
                sb.append(b.toString(StandardCharsets.ISO_8859_1));
            } finally {
                b.release();
            }
        }
        return sb.toString();
    }

    /** Everything written to the client so far, as bytes; each buffer read is released. */
    ByteBuf receivedBytes() {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
            all.writeBytes(b);
            b.release();
        }
        return all;
    }

    static String post(String path, String contentType, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n\r\n" + body;
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
        encoders.destroyAll();
        queue.releaseAll();
        parent.unsafe().closeForcibly();
    }
}
