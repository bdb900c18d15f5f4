package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.Profile;
import dev.plateau.collector.ConnectionSnapshot;
import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionBufferTest {
    private static final int CHUNK = 1000;
    private static final int MAX = 10_000;

    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
    private final List<byte[]> bodies = new ArrayList<>();
    private IngestContext context;
    private EmbeddedChannel channel;

    @BeforeEach
    void open() {
        open(false);
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void open(boolean shrink) {
        CollectorConfig config = CollectorConfig.builder().profile(Profile.FLUENT_BIT_4).port(0).bufferChunkSize(CHUNK).bufferMaxSize(MAX)
                .shrink(shrink).build();
        context = TestContexts.of(config, alloc, null, null);
        channel = new EmbeddedChannel(new ConnectionBuffer(context), new Recorder());
    }

    private static HttpRequest head(String uri) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        return r;
    }

    /** Length of the head as the buffer re-encodes it. */
    private static int headLength(String uri) {
        return ("POST " + uri + " HTTP/1.1\r\ncontent-type: application/json\r\n\r\n").length();
    }

    private static ByteBuf bytes(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return Unpooled.wrappedBuffer(b);
    }

    private long capacity() {
        List<ConnectionSnapshot> s = context.connections().snapshot();
        assertThat(s).hasSize(1);
        return s.get(0).capacityBytes();
    }

    private void sendRequest(int bodyBytes) {
        channel.writeInbound(head("/t"));
        int sent = 0;
        while (sent < bodyBytes) {
            int n = Math.min(300, bodyBytes - sent);
            channel.writeInbound(new DefaultHttpContent(bytes(n, 'x')));
            sent += n;
        }
        channel.writeInbound(new DefaultLastHttpContent());
    }

    @Test
    void allocatesOneChunkAtAccept() {
        assertThat(capacity()).isEqualTo(CHUNK);
        assertThat(channel.pipeline().get(ConnectionBuffer.class).capacity()).isEqualTo(CHUNK);
    }

    @Test
    void growsOneChunkAtATime() {
        channel.writeInbound(head("/t"));
        List<Long> seen = new ArrayList<>(List.of(capacity()));
        int written = headLength("/t");
        for (int i = 0; i < 25; i++) {
            channel.writeInbound(new DefaultHttpContent(bytes(300, 'x')));
            written += 300;
            long cap = capacity();
            assertThat(cap).isEqualTo(((written + CHUNK - 1) / CHUNK) * (long) CHUNK);
            if (cap != seen.get(seen.size() - 1)) {
                seen.add(cap);
            }
        }
        assertThat(seen).containsExactly(1000L, 2000L, 3000L, 4000L, 5000L, 6000L, 7000L, 8000L);
    }

    @Test
    void deliversWholeBodyAsOneRequest() {
        sendRequest(2500);
        assertThat(bodies).hasSize(1);
        assertThat(bodies.get(0)).hasSize(2500).containsOnly((byte) 'x');
        assertThat(context.connections().snapshot().get(0).requests()).isEqualTo(1);
    }

    @Test
    void answers413WithConnectionCloseAndClosesPastMax() {
        channel.writeInbound(head("/t"));
        for (int i = 0; i < 40 && channel.isOpen(); i++) {
            channel.writeInbound(new DefaultHttpContent(bytes(300, 'x')));
        }
        FullHttpResponse r = channel.readOutbound();
        try {
            assertThat(r.status().code()).isEqualTo(413);
            assertThat(r.status().reasonPhrase()).isEqualTo("Request Entity Too Large");
            assertThat(r.content().readableBytes()).isZero();
            assertThat(r.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
            assertThat(r.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isZero();
        } finally {
            r.release();
        }
        assertThat(channel.isOpen()).isFalse();
        assertThat(bodies).isEmpty();
        assertThat(context.counters().requests(413)).isEqualTo(1);
    }

    @Test
    void answers413AtOnceWhenContentLengthAlreadyExceedsMax() {
        HttpRequest r = head("/t");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, MAX + 1);
        channel.writeInbound(r);
        FullHttpResponse answer = channel.readOutbound();
        assertThat(answer.status().code()).isEqualTo(413);
        answer.release();
        assertThat(channel.isOpen()).isFalse();
        assertThat(context.connections().open()).isZero();
        assertThat(context.connections().highWaterBytes()).as("never grew").isEqualTo(CHUNK);
    }

    @Test
    void keepsCapacityWithShrinkOff() {
        sendRequest(5000);
        assertThat(capacity()).isEqualTo(6000);
        sendRequest(10);
        assertThat(capacity()).isEqualTo(6000);
        assertThat(context.events().all()).noneMatch(e -> e.kind() == EventKind.SHRINK);
    }

    @Test
    void shrinksBackToOneChunkWithShrinkOn() {
        channel.finishAndReleaseAll();
        open(true);
        sendRequest(5000);
        assertThat(capacity()).isEqualTo(CHUNK);
        ConnectionSnapshot s = context.connections().snapshot().get(0);
        assertThat(s.shrinks()).isEqualTo(1);
        assertThat(s.highWaterBytes()).isEqualTo(6000);
        List<Event> shrinks = context.events().all().stream().filter(e -> e.kind() == EventKind.SHRINK).toList();
        assertThat(shrinks).extracting(Event::message).containsExactly("conn=" + s.id() + " shrunk buffer from 6000 to 1000");
    }

    @Test
    void doesNotShrinkAtOrBelowTwoChunks() {
        channel.finishAndReleaseAll();
        open(true);
        sendRequest(1500);
        assertThat(capacity()).isEqualTo(2000);
        assertThat(context.events().all()).noneMatch(e -> e.kind() == EventKind.SHRINK);
    }

    @Test
    void shrinkPolicySwitchedLiveAppliesToNextRequest() {
        sendRequest(5000);
        assertThat(capacity()).isEqualTo(6000);
        context.policies().setShrink(true);
        sendRequest(10);
        assertThat(capacity()).isEqualTo(CHUNK);
    }

    @Test
    void releasesBufferAndUnregistersOnClose() {
        sendRequest(5000);
        assertThat(alloc.metric().usedDirectMemory()).isGreaterThanOrEqualTo(6000);
        channel.close();
        assertThat(alloc.metric().usedDirectMemory()).isZero();
        assertThat(context.connections().open()).isZero();
        assertThat(context.connections().highWaterBytes()).isEqualTo(6000);
    }

    /** Records each request's body, as the ingest handler would see it. */
    private final class Recorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            IngestRequest r = (IngestRequest) msg;
            bodies.add(ByteBufUtil.getBytes(r.body()));
            assertThat(new String(ByteBufUtil.getBytes(r.body()), 0, Math.min(1, r.body().readableBytes()),
                    StandardCharsets.US_ASCII)).isIn("", "x");
        }
    }
}
