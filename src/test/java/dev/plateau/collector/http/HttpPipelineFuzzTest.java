package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plateau.collector.ChunkQueue;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.EncoderStats;
import dev.plateau.testing.FuzzBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the whole ingest pipeline ({@link IngestInitializer}: guard, codec, expect-continue, keep-alive, buffer,
 * ingest) through an {@code EmbeddedChannel}. The first input byte sets how the rest is cut into reads (1 to 256
 * bytes each). Whatever the bytes: what the server wrote parses as a sequence of complete HTTP/1.1 responses (status
 * 1xx to 5xx, bodies framed), nothing half-written; every buffer is released (the channel's and the collector's
 * allocator counts back to 0 once the channel is closed, accepted chunks released and encoders destroyed — exact,
 * besides paranoid leak detection); the connection leaves the registry; and a valid request on a new connection
 * still gets 201 with its record queued. HTTP/2 is off here (h2c has its own hostile socket tests); limits are
 * small so that short inputs reach them.
 */
class HttpPipelineFuzzTest {
    private static final byte[] VALID = ("POST /app.log HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 11\r\n\r\n{\"ok\":true}").getBytes(StandardCharsets.US_ASCII);

    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
    private final CollectorConfig config = CollectorConfig.builder().port(0).http2(false).bufferChunkSize(512)
            .bufferMaxSize(4096).tagKey("tag").build();

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void anyBytesGetAWellFormedAnswerOrACloseAndLeaveNoLeak(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        ChunkQueue queue = new ChunkQueue(0);
        Encoders encoders = new Encoders(alloc, new EncoderStats());
        IngestContext context = TestContexts.of(config, alloc, queue, encoders);
        try {
            int step = (input[0] & 0xff) + 1;
            List<HttpResponse> answers = exchange(context, Arrays.copyOfRange(input, 1, input.length), step);
            for (HttpResponse r : answers) {
                assertThat(r.status().code()).as("status of %s", r).isBetween(100, 599);
            }
            assertThat(context.connections().open()).as("connections left in the registry").isZero();

            List<HttpResponse> valid = exchange(context, VALID, VALID.length);
            assertThat(valid).as("a valid request on a new connection").singleElement()
                    .satisfies(r -> assertThat(r.status().code()).isEqualTo(201));
            assertThat(queue.size()).isPositive();
        } finally {
            queue.releaseAll();
            encoders.destroyAll();
        }
        assertThat(alloc.metric().usedHeapMemory() + alloc.metric().usedDirectMemory())
                .as("bytes still allocated after close").isZero();
    }

    /** Sends {@code bytes} in reads of {@code step} bytes on a new connection, closes it, returns what came back. */
    private List<HttpResponse> exchange(IngestContext context, byte[] bytes, int step) throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(null, DefaultChannelId.newInstance(), false, false,
                new IngestInitializer(context));
        ch.config().setAllocator(alloc);
        ch.register();
        List<HttpMethod> methods = new ArrayList<>();
        ch.pipeline().addAfter("codec", "methods", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest r) {
                    methods.add(r.method());
                }
                ctx.fireChannelRead(msg);
            }
        });
        for (int at = 0; at < bytes.length && ch.isOpen(); at += step) {
            int n = Math.min(step, bytes.length - at);
            ch.writeInbound(alloc.buffer(n).writeBytes(bytes, at, n));
            ch.runPendingTasks();
        }
        ByteBuf written = Unpooled.buffer();
        Object out;
        while ((out = ch.readOutbound()) != null) {
            assertThat(out).as("only bytes reach the socket").isInstanceOf(ByteBuf.class);
            written.writeBytes((ByteBuf) out);
            ReferenceCountUtil.release(out);
        }
        ch.close();
        ch.runPendingTasks();
        ch.finishAndReleaseAll();
        return responses(written, methods);
    }

    /**
     * Parses {@code bytes} as HTTP/1.1 responses to requests with these methods (a client codec, so that answers to
     * HEAD carry no body); fails on anything malformed or cut. Releases {@code bytes}.
     */
    private static List<HttpResponse> responses(ByteBuf bytes, List<HttpMethod> methods) {
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        EmbeddedChannel client = new EmbeddedChannel(new HttpClientCodec());
        for (HttpMethod m : methods) {
            client.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, m, "/"));
        }
        client.releaseOutbound();
        List<HttpResponse> responses = new ArrayList<>();
        boolean inBody = false;
        client.writeInbound(bytes);
        Object o;
        while ((o = client.readInbound()) != null) {
            try {
                assertThat(((HttpObject) o).decoderResult().isSuccess()).as("well-formed: %s in%n%s", o, text).isTrue();
                if (o instanceof HttpResponse r) {
                    assertThat(inBody).as("response inside a body").isFalse();
                    responses.add(r);
                    inBody = r.status().code() >= 200;
                }
                if (o instanceof LastHttpContent) {
                    inBody = false;
                } else if (o instanceof HttpContent) {
                    assertThat(inBody).isTrue();
                }
            } finally {
                ReferenceCountUtil.release(o);
            }
        }
        assertThat(inBody).as("last response cut short").isFalse();
        client.finishAndReleaseAll();
        return responses;
    }
}
