package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.ConnectionSnapshot;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link H2c} in the ingest pipeline on an {@code EmbeddedChannel}: HTTP/2 frames written by hand (prior knowledge)
 * or an {@code Upgrade: h2c} request in, frames out, decoded with Netty's HPACK decoder.
 */
class H2cEmbeddedTest {
    private static final int HEADERS = 0x1;
    private static final int DATA = 0x0;
    private static final int SETTINGS = 0x4;
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;

    private final EmbeddedPipeline p = new EmbeddedPipeline(CollectorConfig.builder().port(0).http2(true).build());

    @AfterEach
    void finish() {
        p.close();
    }

    private static void frame(ByteBuf out, int type, int flags, int stream, ByteBuf payload) {
        out.writeMedium(payload.readableBytes()).writeByte(type).writeByte(flags).writeInt(stream).writeBytes(payload);
        payload.release();
    }

    private static ByteBuf post(int stream, String body) throws Http2Exception {
        Http2Headers headers = new DefaultHttp2Headers().method("POST").scheme("http").authority("x").path("/h2.logs")
                .set("content-type", "application/json");
        ByteBuf block = Unpooled.buffer();
        new DefaultHttp2HeadersEncoder().encodeHeaders(stream, headers, block);
        ByteBuf out = Unpooled.buffer();
        frame(out, HEADERS, END_HEADERS, stream, block);
        frame(out, DATA, END_STREAM, stream, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        return out;
    }

    private static ByteBuf prefaceAndSettings() {
        ByteBuf out = Unpooled.buffer();
        out.writeBytes(Http2CodecUtil.connectionPrefaceBuf());
        frame(out, SETTINGS, 0, 0, Unpooled.EMPTY_BUFFER);
        return out;
    }

    /** {@code :status} of every HEADERS frame on {@code stream} in {@code frames} (released). */
    private static List<String> statuses(ByteBuf frames, int stream) throws Http2Exception {
        List<String> out = new ArrayList<>();
        DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder();
        try {
            while (frames.readableBytes() >= 9) {
                int length = frames.readUnsignedMedium();
                int type = frames.readUnsignedByte();
                frames.skipBytes(1);
                int id = frames.readInt() & Integer.MAX_VALUE;
                ByteBuf payload = frames.readSlice(length);
                if (type == HEADERS && id == stream) {
                    out.add(String.valueOf(decoder.decodeHeaders(id, payload).status()));
                }
            }
        } finally {
            frames.release();
        }
        return out;
    }

    @Test
    void priorKnowledge_streamIsAnswered201AndIngested() throws Exception {
        p.send(prefaceAndSettings());
        p.send(post(1, "[{\"a\":1},{\"a\":2}]"));
        assertThat(statuses(p.receivedBytes(), 1)).containsExactly("201");
        assertThat(p.context.counters().recordsInTotal()).isEqualTo(2);
        ConnectionSnapshot conn = p.context.connections().snapshot().get(0);
        assertThat(conn.protocol()).isEqualTo("h2c");
        assertThat(conn.requests()).isEqualTo(1);
    }

    @Test
    void priorKnowledge_finishedStreamsLeaveNoBufferCounted() throws Exception {
        p.send(prefaceAndSettings());
        p.send(post(1, "{\"a\":1}"));
        p.send(post(3, "{\"a\":2}"));
        p.receivedBytes().release();

        assertThat(p.context.connections().snapshot().get(0).capacityBytes()).isZero();
        assertThat(p.context.counters().recordsInTotal()).isEqualTo(2);
    }

    @Test
    void upgradeRequest_switchesAndAnswersItAsStream1() throws Exception {
        String body = "{\"up\":1}";
        p.send("POST /up HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                + "HTTP2-Settings: AAMAAABkAAQAAP__\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body);
        p.send(prefaceAndSettings());

        ByteBuf out = p.receivedBytes();
        String text = out.toString(StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
        out.skipBytes(text.indexOf("\r\n\r\n") + 4);
        assertThat(statuses(out, 1)).containsExactly("201");
        assertThat(p.context.connections().snapshot().get(0).protocol()).isEqualTo("h2c");
    }
}
