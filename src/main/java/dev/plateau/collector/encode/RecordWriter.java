package dev.plateau.collector.encode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessagePacker;

/**
 * Writes Fluent Bit V2 events {@code [[EventTime, {}], {record}]} through a msgpack-core {@link MessagePacker}
 * into an {@link EncoderBuffer}, reading records straight from Jackson's streaming parser (no tree).
 *
 * <p>Sizes of JSON objects and arrays are unknown while streaming, so every map and array of a record gets a
 * {@code map32}/{@code array32} header (valid msgpack, 5 bytes) whose count is patched in place when the
 * container closes (in the packer's staging array or in the buffer): one pass, no second parse, at the cost of
 * 4 bytes per container over the minimal header. The event wrapper and the
 * metadata map use the minimal headers.
 *
 * <p>JSON integers map to msgpack int/uint up to {@code 2^64-1}; larger integers become float64 (precision is
 * lost, the order of magnitude kept; Fluent Bit clamps them to {@code INT64_MAX}). Nesting depth is bounded by
 * Jackson's {@code StreamReadConstraints} (1000), so recursion here is bounded too.
 */
final class RecordWriter {
    private static final byte[] MAP32 = {(byte) 0xdf, 0, 0, 0, 0};
    private static final byte[] ARRAY32 = {(byte) 0xdd, 0, 0, 0, 0};
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final EncoderBuffer out;
    private MessagePacker packer;
    private long base;
    private int baseIndex;

    RecordWriter(EncoderBuffer out, MessagePacker packer) {
        this.out = out;
        this.packer = packer;
    }

    /** Starts a request at the buffer's writer index (after a failure, a fresh packer drops staged bytes). */
    void begin(MessagePacker freshPacker) {
        if (freshPacker != null) {
            packer = freshPacker;
        }
        base = packer.getTotalWrittenBytes();
        baseIndex = out.buf().writerIndex();
    }

    /** Absolute index in the buffer of the next byte written. */
    int position() {
        return baseIndex + (int) (packer.getTotalWrittenBytes() - base);
    }

    /** Writes {@code [[time, {}], } and the record's reserved map header; returns the header's index. */
    int startEvent(byte[] time) throws IOException {
        packer.packArrayHeader(2);
        packer.packArrayHeader(2);
        packer.packExtensionTypeHeader((byte) 0, 8);
        packer.writePayload(time);
        packer.packMapHeader(0);
        return reserve(MAP32);
    }

    /** Sets the record map's count; the event's bytes may still be staged in the packer. */
    void endEvent(int header, int fields) {
        patch(header, fields);
    }

    /** Moves every staged byte into the buffer (end of a request). */
    void flush() throws IOException {
        packer.flush();
    }

    /**
     * Packs a string as str8/16/32 from its UTF-8 bytes ({@code String.getBytes} is an intrinsic; msgpack-core's
     * own path runs a {@code CharsetEncoder} for strings over 512 chars). Unpaired surrogates (only possible from
     * JSON escapes of lone surrogates, the body itself is checked) become {@code ?}.
     */
    void string(String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        packer.packRawStringHeader(utf8.length);
        packer.writePayload(utf8);
    }

    /** Writes the value whose first token is {@code token} (already consumed), nested values included. */
    void value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                int header = reserve(MAP32);
                int n = 0;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    string(parser.currentName());
                    value(parser, parser.nextToken());
                    n++;
                }
                patch(header, n);
            }
            case START_ARRAY -> {
                int header = reserve(ARRAY32);
                int n = 0;
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                    value(parser, t);
                    n++;
                }
                patch(header, n);
            }
            case VALUE_STRING -> string(parser.getText());
            case VALUE_NUMBER_INT -> integer(parser);
            case VALUE_NUMBER_FLOAT -> packer.packDouble(parser.getDoubleValue());
            case VALUE_TRUE -> packer.packBoolean(true);
            case VALUE_FALSE -> packer.packBoolean(false);
            case VALUE_NULL -> packer.packNil();
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }

    private void integer(JsonParser parser) throws IOException {
        if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            packer.packLong(parser.getLongValue());
            return;
        }
        BigInteger big = parser.getBigIntegerValue();
        if (big.signum() >= 0 && big.compareTo(UINT64_MAX) <= 0) {
            packer.packBigInteger(big);
        } else {
            packer.packDouble(big.doubleValue());
        }
    }

    private int reserve(byte[] header) throws IOException {
        int at = position();
        packer.writePayload(header);
        return at;
    }

    /** Writes the count of a reserved header in place, in the buffer or still in the packer's staging array. */
    private void patch(int header, int count) {
        for (int k = 0; k < 4; k++) {
            out.put(header + 1 + k, (byte) (count >>> (24 - 8 * k)));
        }
    }
}
