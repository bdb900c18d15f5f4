package dev.plateau.collector.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.plateau.collector.FileFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Decodes Fluent Bit V2 events ({@code [[EventTime, {metadata}], {record}]}, also the V1 form
 * {@code [EventTime, {record}]} and integer or float times) with msgpack-core and writes them as text lines the way
 * Fluent Bit's outputs do, with Jackson's generator (correct JSON escaping, UTF-8 kept as is):
 * <ul>
 *   <li>{@link FileFormat#OUT_FILE}: out_file's default, {@code tag: [sec.nsec, {json}]} ({@code %PRIu64.%09lu});</li>
 *   <li>{@link FileFormat#JSON_LINES}: Fluent Bit's {@code json_lines} (out_stdout/out_http), the record with
 *       {@code "date"} first as a double seconds value: {@code {"date":1700000000.123457,"a":"1"}}.</li>
 * </ul>
 * Floats are printed like Fluent Bit's msgpack→JSON ({@code %.1f} when integral, else {@code %.16g}).
 */
final class EventJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private EventJson() {
    }

    /** Writes one line per event of {@code events} (readable bytes, indices untouched) to {@code out}. */
    static int write(String tag, ByteBuf events, FileFormat format, OutputStream out) throws IOException {
        int lines = 0;
        byte[] prefix = (tag + ": [").getBytes(StandardCharsets.UTF_8);
        try (MessageUnpacker u = unpacker(events);
             JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            g.setRootValueSeparator(null);
            while (u.hasNext()) {
                long[] time = eventHeader(u);
                if (format == FileFormat.OUT_FILE) {
                    g.flush();
                    out.write(prefix);
                    out.write(String.format(Locale.ROOT, "%d.%09d, ", time[0], time[1]).getBytes(StandardCharsets.US_ASCII));
                    value(u, g);
                    g.flush();
                    out.write(']');
                } else {
                    if (u.getNextFormat().getValueType() != ValueType.MAP) {
                        throw new IOException("event body is not a map");
                    }
                    int n = u.unpackMapHeader();
                    g.writeStartObject();
                    g.writeFieldName("date");
                    g.writeRawValue(formatDouble(time[0] + time[1] / 1e9));
                    for (int i = 0; i < n; i++) {
                        g.writeFieldName(key(u));
                        value(u, g);
                    }
                    g.writeEndObject();
                    g.flush();
                }
                out.write('\n');
                lines++;
            }
        }
        return lines;
    }

    /** msgpack-core reads heap memory only without {@code --add-opens} on Java 17: direct buffers are copied. */
    private static MessageUnpacker unpacker(ByteBuf events) {
        if (events.hasArray()) {
            return MessagePack.newDefaultUnpacker(events.array(), events.arrayOffset() + events.readerIndex(),
                    events.readableBytes());
        }
        return MessagePack.newDefaultUnpacker(ByteBufUtil.getBytes(events));
    }

    /** Reads {@code [[time, meta], } (V2) or {@code [time, } (V1); returns {seconds, nanos}. */
    private static long[] eventHeader(MessageUnpacker u) throws IOException {
        if (u.unpackArrayHeader() != 2) {
            throw new IOException("event is not a 2-array");
        }
        if (u.getNextFormat().getValueType() == ValueType.ARRAY) {
            int n = u.unpackArrayHeader();
            long[] time = time(u);
            for (int i = 1; i < n; i++) {
                u.skipValue();
            }
            return time;
        }
        return time(u);
    }

    private static long[] time(MessageUnpacker u) throws IOException {
        MessageFormat f = u.getNextFormat();
        switch (f.getValueType()) {
            case EXTENSION -> {
                var ext = u.unpackExtensionTypeHeader();
                byte[] b = u.readPayload(ext.getLength());
                if (ext.getType() != 0 || b.length != 8) {
                    throw new IOException("event time is ext type " + ext.getType() + " of " + b.length + " bytes");
                }
                ByteBuffer bb = ByteBuffer.wrap(b);
                return new long[] {bb.getInt() & 0xFFFF_FFFFL, bb.getInt() & 0xFFFF_FFFFL};
            }
            case INTEGER -> {
                return new long[] {u.unpackLong(), 0};
            }
            case FLOAT -> {
                double d = u.unpackDouble();
                long sec = (long) Math.floor(d);
                return new long[] {sec, Math.round((d - sec) * 1e9)};
            }
            default -> throw new IOException("event time has type " + f.getValueType());
        }
    }

    private static String key(MessageUnpacker u) throws IOException {
        return switch (u.getNextFormat().getValueType()) {
            case STRING -> u.unpackString();
            case BINARY -> new String(u.readPayload(u.unpackBinaryHeader()), StandardCharsets.UTF_8);
            default -> u.unpackValue().toString();
        };
    }

    private static void value(MessageUnpacker u, JsonGenerator g) throws IOException {
        switch (u.getNextFormat().getValueType()) {
            case NIL -> {
                u.unpackNil();
                g.writeNull();
            }
            case BOOLEAN -> g.writeBoolean(u.unpackBoolean());
            case INTEGER -> {
                if (u.getNextFormat() == MessageFormat.UINT64) {
                    g.writeNumber(u.unpackBigInteger());
                } else {
                    g.writeNumber(u.unpackLong());
                }
            }
            case FLOAT -> g.writeRawValue(formatDouble(u.unpackDouble()));
            case STRING -> g.writeString(u.unpackString());
            case BINARY -> g.writeString(new String(u.readPayload(u.unpackBinaryHeader()), StandardCharsets.UTF_8));
            case ARRAY -> {
                int n = u.unpackArrayHeader();
                g.writeStartArray();
                for (int i = 0; i < n; i++) {
                    value(u, g);
                }
                g.writeEndArray();
            }
            case MAP -> {
                int n = u.unpackMapHeader();
                g.writeStartObject();
                for (int i = 0; i < n; i++) {
                    g.writeFieldName(key(u));
                    value(u, g);
                }
                g.writeEndObject();
            }
            case EXTENSION -> {
                var ext = u.unpackExtensionTypeHeader();
                g.writeString(Base64.getEncoder().encodeToString(u.readPayload(ext.getLength())));
            }
            default -> throw new IOException("unknown msgpack value");
        }
    }

    /** C's {@code %.1f} for integral values and {@code %.16g} otherwise, like Fluent Bit's msgpack→JSON. */
    static String formatDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e18) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        BigDecimal bd = new BigDecimal(d).round(new MathContext(16));
        int exponent = bd.precision() - bd.scale() - 1;
        BigDecimal stripped = bd.stripTrailingZeros();
        if (exponent < -4 || exponent >= 16) {
            String digits = stripped.unscaledValue().abs().toString();
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return (d < 0 ? "-" : "") + mantissa + (exponent < 0 ? "e-" : "e+")
                    + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
    }
}
