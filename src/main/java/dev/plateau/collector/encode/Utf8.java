package dev.plateau.collector.encode;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * Strict UTF-8 validation (Unicode table 3-7: no overlong forms, no encoded surrogates, nothing above U+10FFFF).
 * Jackson lets overlong forms and encoded surrogates through, so the encoder checks the body first. Reads the
 * buffer's memory in bulk (its array or one NIO view; ASCII runs 8 bytes per read) rather than byte by byte, which matters under Netty's
 * paranoid leak detection where every {@code getByte} records a stack trace.
 */
final class Utf8 {
    private static final int CHUNK = 8192;
    /** The top bit of each of 8 bytes: zero for a run of 8 ASCII bytes, checked in one read. */
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /** True if the readable bytes of {@code buf} are well-formed UTF-8. */
    static boolean isValid(ByteBuf buf) {
        int from = buf.readerIndex();
        int len = buf.readableBytes();
        if (buf.hasArray()) {
            return isValid(ByteBuffer.wrap(buf.array(), buf.arrayOffset() + from, len));
        }
        if (buf.nioBufferCount() == 1) {
            return isValid(buf.nioBuffer(from, len));
        }
        byte[] copy = new byte[Math.min(len, CHUNK) + 3];
        int carry = 0;
        for (int at = 0; at < len; ) {
            int n = Math.min(len - at, CHUNK);
            buf.getBytes(from + at, copy, carry, n);
            at += n;
            int complete = completePrefix(ByteBuffer.wrap(copy, 0, carry + n), at == len);
            if (complete < 0) {
                return false;
            }
            carry = carry + n - complete;
            System.arraycopy(copy, complete, copy, 0, carry);
        }
        return carry == 0;
    }

    /** True if {@code a[off, off + len)} is well-formed UTF-8. */
    static boolean isValid(byte[] a, int off, int len) {
        return isValid(ByteBuffer.wrap(a, off, len));
    }

    static boolean isValid(ByteBuffer bytes) {
        return completePrefix(bytes, true) == bytes.limit() - bytes.position();
    }

    /**
     * Validates {@code bytes} from its position; returns how many bytes form complete valid sequences, or -1 on an
     * invalid sequence. With {@code last == false} a sequence cut at the end is left for the next window.
     */
    private static int completePrefix(ByteBuffer bytes, boolean last) {
        int start = bytes.position();
        int end = bytes.limit();
        int i = start;
        while (i < end) {
            while (i + 8 <= end && (bytes.getLong(i) & HIGH_BITS) == 0) {
                i += 8;
            }
            if (i == end) {
                break;
            }
            int b = bytes.get(i) & 0xff;
            if (b < 0x80) {
                i++;
                continue;
            }
            int need;
            int lo = 0x80;
            int hi = 0xbf;
            if (b >= 0xc2 && b <= 0xdf) {
                need = 1;
            } else if (b >= 0xe0 && b <= 0xef) {
                need = 2;
                if (b == 0xe0) {
                    lo = 0xa0;
                } else if (b == 0xed) {
                    hi = 0x9f;
                }
            } else if (b >= 0xf0 && b <= 0xf4) {
                need = 3;
                if (b == 0xf0) {
                    lo = 0x90;
                } else if (b == 0xf4) {
                    hi = 0x8f;
                }
            } else {
                return -1;
            }
            if (i + need >= end) {
                return last ? -1 : i - start;
            }
            int c = bytes.get(i + 1) & 0xff;
            if (c < lo || c > hi) {
                return -1;
            }
            for (int k = 2; k <= need; k++) {
                if ((bytes.get(i + k) & 0xc0) != 0x80) {
                    return -1;
                }
            }
            i += need + 1;
        }
        return i - start;
    }
}
