package dev.plateau.collector.encode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body into key/value pairs: fields split on {@code &},
 * key and value on the first {@code =}, {@code +} is a space, {@code %XY} a byte; the decoded bytes must be
 * valid UTF-8. A field without {@code =} has the empty value; empty fields ({@code a=1&&b=2}) are skipped.
 * A bad escape, invalid UTF-8, an empty key or a body without any field is a {@link RecordException}.
 */
final class FormDecoder {
    private FormDecoder() {
    }

    /** Pairs in body order: {@code [key0, value0, key1, value1, ...]}. */
    static List<String> decode(ByteBuf body) throws RecordException {
        byte[] bytes = ByteBufUtil.getBytes(body);
        List<String> out = new ArrayList<>();
        ByteArrayOutputStream scratch = new ByteArrayOutputStream(64);
        int i = 0;
        while (i <= bytes.length) {
            int fieldEnd = indexOf(bytes, i, bytes.length, (byte) '&');
            if (fieldEnd > i) {
                int eq = indexOf(bytes, i, fieldEnd, (byte) '=');
                String key = decodePart(bytes, i, eq, scratch);
                if (key.isEmpty()) {
                    throw new RecordException("form field without a name at byte " + i);
                }
                out.add(key);
                out.add(eq == fieldEnd ? "" : decodePart(bytes, eq + 1, fieldEnd, scratch));
            }
            i = fieldEnd + 1;
        }
        if (out.isEmpty()) {
            throw new RecordException("form body has no fields");
        }
        return out;
    }

    private static int indexOf(byte[] bytes, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return to;
    }

    private static String decodePart(byte[] bytes, int from, int to, ByteArrayOutputStream scratch)
            throws RecordException {
        scratch.reset();
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '+') {
                scratch.write(' ');
            } else if (b == '%') {
                int hi = i + 2 < to ? Character.digit(bytes[i + 1], 16) : -1;
                int lo = i + 2 < to ? Character.digit(bytes[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new RecordException("invalid percent-encoding in form body at byte " + i);
                }
                scratch.write(hi << 4 | lo);
                i += 2;
            } else {
                scratch.write(b);
            }
        }
        byte[] decoded = scratch.toByteArray();
        if (!Utf8.isValid(decoded, 0, decoded.length)) {
            throw new RecordException("form body is not valid UTF-8");
        }
        return new String(decoded, StandardCharsets.UTF_8);
    }
}
