package dev.plateau.collector.encode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plateau.collector.EncoderStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.msgpack.value.Value;

/**
 * The encoder against an independent decoder: random JSON documents (nesting, escapes, surrogate pairs and lone
 * surrogates, multi-byte text, strings longer than the staging array, small/large/big integers, floats) are
 * encoded, the msgpack decoded back to plain values and compared with Jackson databind's reading of the same
 * JSON (numbers normalized as the encoder maps them, lone surrogates as {@code ?}).
 */
class EncoderDifferentialTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final RequestContext CTX = new RequestContext(new EventTime(1_700_000_000L, 5), "t", null,
            "REMOTE_ADDR", null);

    private final LogEventEncoder encoder = new LogEventEncoder(UnpooledByteBufAllocator.DEFAULT, new EncoderStats());

    @AfterEach
    void close() {
        encoder.close();
    }

    @Test
    void randomDocumentsDecodeToWhatDatabindReads() throws Exception {
        Random random = new Random(42);
        for (int doc = 0; doc < 400; doc++) {
            StringBuilder json = new StringBuilder();
            int records = 1 + random.nextInt(4);
            boolean array = random.nextBoolean();
            json.append(array ? "[" : "");
            for (int r = 0; r < records; r++) {
                if (r > 0) {
                    json.append(array ? "," : "\n");
                }
                object(json, random, 0);
            }
            json.append(array ? "]" : "");
            String text = json.toString();
            List<Object> expected = expected(text, array);
            for (boolean direct : new boolean[] {false, true}) {
                assertThat(encoded(text, direct)).as("document %d (direct %s): %s", doc, direct, text)
                        .isEqualTo(expected);
                encoder.reset();
            }
        }
    }

    @Test
    void largeBodiesAgreeWhetherHeapDirectOrComposite() throws Exception {
        Random random = new Random(7);
        for (int doc = 0; doc < 20; doc++) {
            StringBuilder json = new StringBuilder("[");
            for (int r = 0; r < 200; r++) {
                json.append(r > 0 ? "," : "");
                object(json, random, 0);
            }
            String text = json.append(']').toString();
            assertThat(text.length()).isGreaterThan(LogEventEncoder.SMALL_BODY);
            List<Object> expected = expected(text, true);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            int cut = bytes.length / 3;
            ByteBuf[] bodies = {
                Unpooled.wrappedBuffer(bytes),
                Unpooled.directBuffer(bytes.length).writeBytes(bytes),
                Unpooled.wrappedBuffer(Unpooled.directBuffer(cut).writeBytes(bytes, 0, cut),
                        Unpooled.directBuffer(bytes.length - cut).writeBytes(bytes, cut, bytes.length - cut))
            };
            for (ByteBuf body : bodies) {
                try {
                    encoder.encodeJson(body, CTX);
                } finally {
                    body.release();
                }
                List<Object> got = Events.decodeAll(encoder.buffer()).stream().map(d -> plain(d.record())).toList();
                assertThat(got).as("document %d, %s body", doc, body.getClass().getSimpleName()).isEqualTo(expected);
                encoder.reset();
            }
        }
    }

    @Test
    void longStringsAndManyFieldsCrossTheStagingArray() throws Exception {
        String big = "é".repeat(RecordWriter.STAGING) + "\\ud83d\\ude00" + "a".repeat(3 * RecordWriter.STAGING);
        StringBuilder json = new StringBuilder("{\"big\":\"" + big + "\"");
        for (int i = 0; i < 3000; i++) {
            json.append(",\"k").append(i).append("\":[").append(i).append(",\"v\u20ac").append(i).append("\"]");
        }
        String text = json.append('}').toString();
        assertThat(encoded(text, true)).isEqualTo(expected(text, false));
    }

    private List<Object> encoded(String text, boolean direct) throws RecordException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf body = direct ? Unpooled.directBuffer(bytes.length).writeBytes(bytes) : Unpooled.wrappedBuffer(bytes);
        try {
            encoder.encodeJson(body, CTX);
        } finally {
            body.release();
        }
        List<Object> out = new ArrayList<>();
        for (Events.Decoded d : Events.decodeAll(encoder.buffer())) {
            assertThat(d.seconds()).isEqualTo(1_700_000_000L);
            assertThat(d.nanos()).isEqualTo(5);
            out.add(plain(d.record()));
        }
        return out;
    }

    private static List<Object> expected(String text, boolean array) throws Exception {
        List<Object> records = new ArrayList<>();
        if (array) {
            for (Object o : MAPPER.readValue(text, List.class)) {
                records.add(normalize(o));
            }
        } else {
            var it = MAPPER.readerFor(Object.class).readValues(text);
            while (it.hasNext()) {
                records.add(normalize(it.next()));
            }
        }
        return records;
    }

    private static Object normalize(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(utf8RoundTrip((String) k), normalize(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(EncoderDifferentialTest::normalize).toList();
        }
        if (o instanceof String s) {
            return utf8RoundTrip(s);
        }
        if (o instanceof Integer i) {
            return i.longValue();
        }
        if (o instanceof BigInteger b) {
            return b.signum() >= 0 && b.compareTo(UINT64_MAX) <= 0 ? b : b.doubleValue();
        }
        return o;
    }

    private static String utf8RoundTrip(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static Object plain(Value v) {
        return switch (v.getValueType()) {
            case NIL -> null;
            case BOOLEAN -> v.asBooleanValue().getBoolean();
            case INTEGER -> v.asIntegerValue().isInLongRange() ? (Object) v.asIntegerValue().toLong()
                    : v.asIntegerValue().toBigInteger();
            case FLOAT -> v.asFloatValue().toDouble();
            case STRING -> v.asStringValue().asString();
            case ARRAY -> v.asArrayValue().list().stream().map(EncoderDifferentialTest::plain).toList();
            case MAP -> {
                Map<String, Object> m = new LinkedHashMap<>();
                v.asMapValue().map().forEach((k, x) -> m.put(k.asStringValue().asString(), plain(x)));
                yield m;
            }
            default -> throw new AssertionError("unexpected msgpack type " + v.getValueType());
        };
    }

    private static void object(StringBuilder json, Random random, int depth) {
        json.append('{');
        int fields = random.nextInt(depth == 0 ? 8 : 4);
        for (int f = 0; f < fields; f++) {
            if (f > 0) {
                json.append(',');
            }
            json.append('"').append(f).append(randomText(random, 6)).append("\":");
            value(json, random, depth + 1);
        }
        json.append('}');
    }

    private static void value(StringBuilder json, Random random, int depth) {
        int kind = random.nextInt(depth > 5 ? 8 : 10);
        switch (kind) {
            case 0 -> json.append(random.nextBoolean());
            case 1 -> json.append("null");
            case 2 -> json.append(random.nextInt(300) - 150);
            case 3 -> json.append(random.nextLong() >> random.nextInt(64));
            case 4 -> json.append(new BigInteger(70, random).subtract(BigInteger.ONE.shiftLeft(68)));
            case 5 -> json.append(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 6, 7 -> json.append('"').append(randomText(random, random.nextInt(10) == 0 ? 3000 : 40)).append('"');
            case 8 -> object(json, random, depth);
            default -> {
                json.append('[');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    json.append(i > 0 ? "," : "");
                    value(json, random, depth + 1);
                }
                json.append(']');
            }
        }
    }

    private static final String[] PIECES = {"a", "Z", "0", " ", "\\n", "\\t", "\\\"", "\\\\", "\\/", "\\u0041",
        "\\u00e9", "\\u20ac", "\\ud83d\\ude00", "\\ud800", "\\udc00x", "é", "€", "😀", "中文", "\u007f", "\\u0000"};

    private static String randomText(Random random, int max) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            sb.append(random.nextInt(3) == 0 ? PIECES[random.nextInt(PIECES.length)] : "abcdefghij".charAt(i % 10));
        }
        return sb.toString();
    }
}
