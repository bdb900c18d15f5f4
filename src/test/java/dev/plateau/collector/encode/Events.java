package dev.plateau.collector.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.msgpack.value.Value;

/** Test helpers: decode Fluent Bit V2 events with msgpack-core, build bodies. */
final class Events {
    private Events() {
    }

    /** One decoded V2 event. */
    record Decoded(long seconds, long nanos, Value metadata, Value record) {
    }

    static List<Decoded> decode(ByteBuf buf, int offset, int length) {
        byte[] bytes = ByteBufUtil.getBytes(buf, offset, length);
        List<Decoded> out = new ArrayList<>();
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(new ArrayBufferInput(bytes))) {
            while (u.hasNext()) {
                assertThat(u.unpackArrayHeader()).isEqualTo(2);
                assertThat(u.unpackArrayHeader()).isEqualTo(2);
                var ext = u.unpackExtensionTypeHeader();
                assertThat(ext.getType()).isEqualTo((byte) 0);
                assertThat(ext.getLength()).isEqualTo(8);
                byte[] t = u.readPayload(8);
                long sec = (t[0] & 0xffL) << 24 | (t[1] & 0xff) << 16 | (t[2] & 0xff) << 8 | (t[3] & 0xff);
                long ns = (t[4] & 0xffL) << 24 | (t[5] & 0xff) << 16 | (t[6] & 0xff) << 8 | (t[7] & 0xff);
                Value meta = u.unpackValue();
                Value record = u.unpackValue();
                out.add(new Decoded(sec, ns, meta, record));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Decoded> decodeAll(ByteBuf buf) {
        return decode(buf, 0, buf.writerIndex());
    }

    /** The records of all events as JSON text (msgpack-core's Value.toJson). */
    static List<String> recordsJson(ByteBuf buf) {
        return decodeAll(buf).stream().map(d -> d.record().toJson()).toList();
    }

    static ByteBuf heap(String s) {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A ~5 MB JSON array of 4500 objects, one per line, like the big request. */
    static String bigArray(int lines) {
        StringBuilder sb = new StringBuilder(lines * 1200);
        String filler = "x".repeat(1020);
        sb.append("[\n");
        for (int i = 0; i < lines; i++) {
            sb.append("{\"seq\":").append(i).append(",\"level\":\"info\",\"host\":\"web-").append(i % 7)
                    .append("\",\"latency\":").append(i * 0.25).append(",\"ok\":true,\"tags\":[\"a\",\"b\"],")
                    .append("\"msg\":\"").append(filler).append("\"}");
            sb.append(i + 1 < lines ? ",\n" : "\n");
        }
        return sb.append("]").toString();
    }
}
