package dev.plateau.collector.encode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * An independent reading of a JSON body as Fluent Bit V2 events, the oracle of {@link JsonBodyFuzzTest}: the body
 * is decoded with the JDK's strict UTF-8 decoder, parsed by Jackson's <em>char</em> parser (not the byte parser
 * {@link RawJsonParser} extends) into a small tree, and each record packed with msgpack-core's {@code MessagePacker}
 * following the encoder's documented layout (map32/array32 headers for record containers, minimal strings and
 * integers, float64, integers past {@code 2^64-1} or below {@code -2^63} as float64). Tags follow {@code tag_key}
 * (the last string value under that key, control characters as {@code _}).
 *
 * <pre>{@code
 * Optional<List<Ref>> expected = ReferenceEncoder.encode(bytes, ctx);   // empty: the body must be rejected
 * }</pre>
 */
final class ReferenceEncoder {
    private static final JsonFactory JSON = new JsonFactory();
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** One expected event: its tag and its exact msgpack bytes. */
    record Ref(String tag, byte[] bytes) {
    }

    private ReferenceEncoder() {
    }

    /** The events {@code body} must encode to, or empty when the encoder must reject it. */
    static Optional<List<Ref>> encode(byte[] body, RequestContext ctx) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        if (text.startsWith("\ufeff")) {
            text = text.substring(1);
        }
        List<Ref> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken t;
            boolean any = false;
            while ((t = p.nextToken()) != null) {
                any = true;
                if (t == JsonToken.START_OBJECT) {
                    out.add(event(p, ctx));
                } else if (t == JsonToken.START_ARRAY) {
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t != JsonToken.START_OBJECT) {
                            return Optional.empty();
                        }
                        out.add(event(p, ctx));
                    }
                } else {
                    return Optional.empty();
                }
            }
            return any ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Ref event(JsonParser p, RequestContext ctx) throws IOException {
        List<Object> fields = new ArrayList<>();
        String tag = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            Object value = tree(p, t);
            if (t == JsonToken.VALUE_STRING && name.equals(ctx.tagKey())) {
                tag = (String) value;
            }
            fields.add(name);
            fields.add(value);
        }
        return event(fields, tag, ctx);
    }

    /**
     * The event of one record given as its flat [name, value, ...] list (values: strings, numbers as
     * {@code BigInteger}/{@code Double}, booleans, null, nested lists); {@code tag} is its {@code tag_key} value or null.
     */
    static Ref event(List<Object> fields, String tag, RequestContext ctx) throws IOException {
        fields = new ArrayList<>(fields);
        if (ctx.remoteAddr() != null) {
            fields.add(ctx.remoteAddrKey());
            fields.add(ctx.remoteAddr());
        }
        try (MessageBufferPacker m = MessagePack.newDefaultBufferPacker()) {
            m.packArrayHeader(2).packArrayHeader(2);
            m.packExtensionTypeHeader((byte) 0, 8).writePayload(ctx.time().toBytes());
            m.packMapHeader(0);
            pack(m, new Obj(fields));
            String eventTag = tag == null || tag.isEmpty() ? ctx.tag() : LogEventEncoder.printableTag(tag);
            return new Ref(eventTag, m.toByteArray());
        }
    }

    /** A JSON object as its flat [name, value, name, value, ...] list: duplicate names are kept, like the encoder. */
    private record Obj(List<Object> fields) {
    }

    private static Object tree(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                List<Object> fields = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    fields.add(p.currentName());
                    fields.add(tree(p, p.nextToken()));
                }
                yield new Obj(fields);
            }
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(tree(p, e));
                }
                yield items;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected token " + t);
        };
    }

    private static void pack(MessageBufferPacker m, Object v) throws IOException {
        if (v instanceof Obj o) {
            m.writePayload(header(0xdf, o.fields().size() / 2));
            for (Object f : o.fields()) {
                pack(m, f);
            }
        } else if (v instanceof List<?> l) {
            m.writePayload(header(0xdd, l.size()));
            for (Object e : l) {
                pack(m, e);
            }
        } else if (v instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            m.packRawStringHeader(utf8.length).writePayload(utf8);
        } else if (v instanceof BigInteger b) {
            if (b.bitLength() <= 63) {
                m.packLong(b.longValue());
            } else if (b.signum() > 0 && b.compareTo(UINT64_MAX) <= 0) {
                m.packBigInteger(b);
            } else {
                m.packDouble(b.doubleValue());
            }
        } else if (v instanceof Double d) {
            m.packDouble(d);
        } else if (v instanceof Boolean b) {
            m.packBoolean(b);
        } else {
            m.packNil();
        }
    }

    private static byte[] header(int type, int count) {
        return new byte[] {(byte) type, (byte) (count >>> 24), (byte) (count >>> 16), (byte) (count >>> 8),
            (byte) count};
    }
}
