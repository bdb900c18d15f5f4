package dev.plateau.collector.encode;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation (Unicode table 3-7: no overlong forms, no encoded surrogates, nothing above U+10FFFF).
 * Jackson lets overlong forms and encoded surrogates through, so the encoder checks the body first. Works on heap
 * arrays: ASCII runs are skipped 32 bytes per step (four 8-byte reads); a direct buffer is copied piece by piece
 * into a scratch array first (a cache-hot copy is cheaper than validating direct memory, and under Netty's
 * paranoid leak detection every {@code getByte} would record a stack trace).
 */
final class Utf8 {
    private static final int CHUNK = 8192;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The top bit of each of 8 bytes: zero for a run of 8 ASCII bytes, checked in one read. */
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /** True if the readable bytes of {@code buf} are well-formed UTF-8. */
    static boolean isValid(ByteBuf buf) {
        return isValid(buf, new byte[Math.min(buf.readableBytes(), CHUNK) + 3]);
    }

    /**
     * True if the readable bytes of {@code buf} are well-formed UTF-8; a direct buffer is copied through
     * {@code scratch} (at least 4 bytes; its contents are overwritten).
     */
    static boolean isValid(ByteBuf buf, byte[] scratch) {
        int from = buf.readerIndex();
        int len = buf.readableBytes();
        if (buf.hasArray()) {
            return isValid(buf.array(), buf.arrayOffset() + from, len);
        }
        int piece = scratch.length - 3;
        int carry = 0;
        for (int at = 0; at < len; ) {
            int n = Math.min(len - at, piece);
            buf.getBytes(from + at, scratch, carry, n);
            at += n;
            int complete = completePrefix(scratch, 0, carry + n, at == len);
            if (complete < 0) {
                return false;
            }
            carry = carry + n - complete;
            System.arraycopy(scratch, complete, scratch, 0, carry);
        }
        return carry == 0;
    }

    /** True if {@code a[off, off + len)} is well-formed UTF-8. */
    static boolean isValid(byte[] a, int off, int len) {
        return completePrefix(a, off, off + len, true) == len;
    }

    /**
     * Validates {@code a[start, end)}; returns how many bytes form complete valid sequences, or -1 on an invalid
     * sequence. With {@code last == false} a sequence cut at the end is left for the next window.
     */
    private static int completePrefix(byte[] a, int start, int end, boolean last) {
        int i = start;
        while (i < end) {
            while (i + 32 <= end && (((long) LONGS.get(a, i) | (long) LONGS.get(a, i + 8) | (long) LONGS.get(a, i + 16)
                    | (long) LONGS.get(a, i + 24)) & HIGH_BITS) == 0) {
                i += 32;
            }
            while (i + 8 <= end && ((long) LONGS.get(a, i) & HIGH_BITS) == 0) {
                i += 8;
            }
            if (i == end) {
                break;
            }
            int b = a[i] & 0xff;
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
            int c = a[i + 1] & 0xff;
            if (c < lo || c > hi) {
                return -1;
            }
            for (int k = 2; k <= need; k++) {
                if ((a[i + k] & 0xc0) != 0x80) {
                    return -1;
                }
            }
            i += need + 1;
        }
        return i - start;
    }
}
