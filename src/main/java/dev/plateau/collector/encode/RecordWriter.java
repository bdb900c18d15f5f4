package dev.plateau.collector.encode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes Fluent Bit V2 events {@code [[EventTime, {}], {record}]} as msgpack into an {@link EncoderBuffer},
 * reading records straight from Jackson's streaming parser (no tree, no {@code String} per value).
 *
 * <p>Bytes are staged in one reused heap array of {@link #STAGING} bytes and handed to the buffer in blocks (one
 * bulk copy per 8 KiB instead of one {@code ByteBuf} call per header). String values without escapes are copied as
 * raw bytes from the parser's input ({@link RawJsonParser}: found and copied in one pass, never decoded); strings
 * with escapes are UTF-8 encoded straight from the parser's character buffer ({@link JsonParser#getTextCharacters()}); field names, which Jackson canonicalizes
 * (the same {@code String} instance every time), are encoded once and kept, header included, in a small bounded
 * cache keyed by identity. Unpaired surrogates (only possible from
 * JSON escapes of lone surrogates, the body itself is checked) become {@code ?}, as {@code String.getBytes} does.
 *
 * <p>Sizes of JSON objects and arrays are unknown while streaming, so every map and array of a record gets a
 * {@code map32}/{@code array32} header (valid msgpack, 5 bytes) whose count is patched in place when the
 * container closes (in the staging array or in the buffer): one pass, no second parse, at the cost of 4 bytes per
 * container over the minimal header. The event wrapper, the metadata map, strings and numbers use the minimal
 * encodings (the same bytes msgpack-core's packer writes).
 *
 * <p>JSON integers map to msgpack int/uint up to {@code 2^64-1}; larger integers become float64 (precision is
 * lost, the order of magnitude kept; Fluent Bit clamps them to {@code INT64_MAX}). Nesting depth is bounded by
 * Jackson's {@code StreamReadConstraints} (1000), so recursion here is bounded too. Not thread-safe.
 *
 * <p>Over 300 lines on purpose: the JSON walk, the msgpack packing and the staging array they share are the
 * per-byte hot path (JMH {@code EncoderBenchmark}); splitting them would put the array behind a call boundary.
 */
final class RecordWriter {
    static final int STAGING = 8 * 1024;
    /** Slots of the name cache (a power of two); it is emptied when three quarters are taken. */
    private static final int NAME_CACHE = 2048;
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final EncoderBuffer out;
    private final byte[] st = new byte[STAGING];
    private final String[] nameKeys = new String[NAME_CACHE];
    private final byte[][] namePacked = new byte[NAME_CACHE][];
    private int nameCount;
    /** Staged bytes; {@code st[0]} lands at the buffer's writer index. */
    private int n;

    RecordWriter(EncoderBuffer out) {
        this.out = out;
    }

    /** Drops staged bytes (a new request, or the rollback of a failed one). */
    void begin() {
        n = 0;
    }

    /** Absolute index in the buffer of the next byte written. */
    int position() {
        return out.buf().writerIndex() + n;
    }

    /** Writes {@code [[time, {}], } and the record's reserved map header; returns the header's index. */
    int startEvent(EventTime time) throws IOException {
        room(13);
        st[n++] = (byte) 0x92;
        st[n++] = (byte) 0x92;
        st[n++] = (byte) 0xd7;
        st[n++] = 0;
        be(time.seconds(), 4);
        be(time.nanos(), 4);
        st[n++] = (byte) 0x80;
        return reserve((byte) 0xdf);
    }

    /** Sets the record map's count; the event's bytes may still be staged. */
    void endEvent(int header, int fields) {
        patch(header, fields);
    }

    /** Moves every staged byte into the buffer (end of a request, or a full staging array). */
    void flush() throws IOException {
        if (n > 0) {
            out.write(st, 0, n);
            n = 0;
        }
    }

    /**
     * Packs a string as str8/16/32, header and bytes cached by identity: for field names (canonical instances from
     * Jackson) and constant keys. A string built per request would only fill the cache; use {@link #string}.
     */
    void cached(String s) throws IOException {
        int mask = NAME_CACHE - 1;
        int i = System.identityHashCode(s) & mask;
        String k;
        while ((k = nameKeys[i]) != null) {
            if (k == s) {
                byte[] packed = namePacked[i];
                raw(packed, 0, packed.length);
                return;
            }
            i = (i + 1) & mask;
        }
        if (nameCount >= NAME_CACHE * 3 / 4) {
            Arrays.fill(nameKeys, null);
            Arrays.fill(namePacked, null);
            nameCount = 0;
            i = System.identityHashCode(s) & mask;
        }
        byte[] packed = pack(s);
        nameKeys[i] = s;
        namePacked[i] = packed;
        nameCount++;
        raw(packed, 0, packed.length);
    }

    /** Packs a string as str8/16/32 from its UTF-8 bytes. */
    void string(String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        strHeader(utf8.length);
        raw(utf8, 0, utf8.length);
    }

    /** Writes the value whose first token is {@code token} (already consumed), nested values included. */
    void value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                int header = reserve((byte) 0xdf);
                int count = 0;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    cached(parser.currentName());
                    value(parser, parser.nextToken());
                    count++;
                }
                patch(header, count);
            }
            case START_ARRAY -> {
                int header = reserve((byte) 0xdd);
                int count = 0;
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                    value(parser, t);
                    count++;
                }
                patch(header, count);
            }
            case VALUE_STRING -> {
                if (!rawString(parser)) {
                    chars(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                }
            }
            case VALUE_NUMBER_INT -> integer(parser);
            case VALUE_NUMBER_FLOAT -> packDouble(parser.getDoubleValue());
            case VALUE_TRUE -> one((byte) 0xc3);
            case VALUE_FALSE -> one((byte) 0xc2);
            case VALUE_NULL -> one((byte) 0xc0);
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }

    /** Packs {@code len} chars from {@code c[off]} as a UTF-8 string without building a {@code String}. */
    void chars(char[] c, int off, int len) throws IOException {
        int end = off + len;
        strHeader(utf8Length(c, off, end));
        int i = off;
        while (i < end) {
            if (n >= STAGING - 4) {
                flush();
            }
            int stop = Math.min(end, i + (STAGING - 4 - n));
            char ch;
            while (i < stop && (ch = c[i]) < 0x80) {
                st[n++] = (byte) ch;
                i++;
            }
            if (i == stop) {
                continue;
            }
            ch = c[i++];
            if (ch < 0x800) {
                st[n++] = (byte) (0xc0 | ch >> 6);
                st[n++] = (byte) (0x80 | ch & 0x3f);
            } else if (!Character.isSurrogate(ch)) {
                st[n++] = (byte) (0xe0 | ch >> 12);
                st[n++] = (byte) (0x80 | ch >> 6 & 0x3f);
                st[n++] = (byte) (0x80 | ch & 0x3f);
            } else if (Character.isHighSurrogate(ch) && i < end && Character.isLowSurrogate(c[i])) {
                int cp = Character.toCodePoint(ch, c[i++]);
                st[n++] = (byte) (0xf0 | cp >> 18);
                st[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
                st[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
                st[n++] = (byte) (0x80 | cp & 0x3f);
            } else {
                st[n++] = '?';
            }
        }
    }

    /**
     * Copies the current string token's bytes straight from the parser's input when it holds no escape (the body
     * was validated as UTF-8 already) and marks the token read; false if it must be decoded.
     */
    private boolean rawString(JsonParser parser) throws IOException {
        if (!(parser instanceof RawJsonParser p)) {
            return false;
        }
        int end = p.rawEnd();
        if (end < 0) {
            return false;
        }
        int from = p.inputPtr();
        strHeader(end - from);
        raw(p.input(), from, end - from);
        p.consumeRaw(end);
        return true;
    }

    /** UTF-8 length of {@code c[from, to)} as {@link #chars} encodes it (an unpaired surrogate is one byte). */
    static int utf8Length(char[] c, int from, int to) {
        int len = to - from;
        for (int i = from; i < to; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                continue;
            }
            if (ch < 0x800) {
                len += 1;
            } else if (!Character.isSurrogate(ch)) {
                len += 2;
            } else if (Character.isHighSurrogate(ch) && i + 1 < to && Character.isLowSurrogate(c[i + 1])) {
                len += 2;
                i++;
            }
        }
        return len;
    }

    private void integer(JsonParser parser) throws IOException {
        if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            packLong(parser.getLongValue());
            return;
        }
        BigInteger big = parser.getBigIntegerValue();
        if (big.signum() >= 0 && big.compareTo(UINT64_MAX) <= 0) {
            if (big.bitLength() <= 63) {
                packLong(big.longValue());
            } else {
                room(9);
                st[n++] = (byte) 0xcf;
                be(big.longValue(), 8);
            }
        } else {
            packDouble(big.doubleValue());
        }
    }

    /** msgpack-core's minimal integer encoding. */
    private void packLong(long v) throws IOException {
        room(9);
        if (v < -(1L << 5)) {
            if (v < -(1L << 15)) {
                if (v < -(1L << 31)) {
                    st[n++] = (byte) 0xd3;
                    be(v, 8);
                } else {
                    st[n++] = (byte) 0xd2;
                    be(v, 4);
                }
            } else if (v < -(1 << 7)) {
                st[n++] = (byte) 0xd1;
                be(v, 2);
            } else {
                st[n++] = (byte) 0xd0;
                be(v, 1);
            }
        } else if (v < (1 << 7)) {
            st[n++] = (byte) v;
        } else if (v < (1L << 16)) {
            if (v < (1 << 8)) {
                st[n++] = (byte) 0xcc;
                be(v, 1);
            } else {
                st[n++] = (byte) 0xcd;
                be(v, 2);
            }
        } else if (v < (1L << 32)) {
            st[n++] = (byte) 0xce;
            be(v, 4);
        } else {
            st[n++] = (byte) 0xcf;
            be(v, 8);
        }
    }

    private void packDouble(double d) throws IOException {
        room(9);
        st[n++] = (byte) 0xcb;
        be(Double.doubleToRawLongBits(d), 8);
    }

    private void strHeader(int len) throws IOException {
        room(5);
        if (len < 32) {
            st[n++] = (byte) (0xa0 | len);
        } else if (len < 256) {
            st[n++] = (byte) 0xd9;
            be(len, 1);
        } else if (len < 65536) {
            st[n++] = (byte) 0xda;
            be(len, 2);
        } else {
            st[n++] = (byte) 0xdb;
            be(len, 4);
        }
    }

    private static byte[] pack(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int len = utf8.length;
        int h = len < 32 ? 1 : len < 256 ? 2 : len < 65536 ? 3 : 5;
        byte[] packed = new byte[h + len];
        switch (h) {
            case 1 -> packed[0] = (byte) (0xa0 | len);
            case 2 -> {
                packed[0] = (byte) 0xd9;
                packed[1] = (byte) len;
            }
            case 3 -> {
                packed[0] = (byte) 0xda;
                packed[1] = (byte) (len >>> 8);
                packed[2] = (byte) len;
            }
            default -> {
                packed[0] = (byte) 0xdb;
                for (int k = 0; k < 4; k++) {
                    packed[1 + k] = (byte) (len >>> (24 - 8 * k));
                }
            }
        }
        System.arraycopy(utf8, 0, packed, h, len);
        return packed;
    }

    private void one(byte b) throws IOException {
        room(1);
        st[n++] = b;
    }

    /** Big-endian low {@code bytes} bytes of {@code v} (room already made). */
    private void be(long v, int bytes) {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            st[n++] = (byte) (v >>> shift);
        }
    }

    private void raw(byte[] src, int off, int len) throws IOException {
        if (len > STAGING - n) {
            flush();
            if (len > STAGING) {
                out.write(src, off, len);
                return;
            }
        }
        System.arraycopy(src, off, st, n, len);
        n += len;
    }

    private void room(int k) throws IOException {
        if (n + k > STAGING) {
            flush();
        }
    }

    /** Reserves a map32/array32 header ({@code type} + 4 count bytes); returns its absolute index. */
    private int reserve(byte type) throws IOException {
        room(5);
        int at = position();
        st[n++] = type;
        n += 4;
        return at;
    }

    /** Writes the count of a reserved header in place, in the buffer or still in the staging array. */
    private void patch(int header, int count) {
        int base = out.buf().writerIndex();
        for (int k = 0; k < 4; k++) {
            int index = header + 1 + k;
            byte b = (byte) (count >>> (24 - 8 * k));
            if (index >= base) {
                st[index - base] = b;
            } else {
                out.buf().setByte(index, b);
            }
        }
    }
}
