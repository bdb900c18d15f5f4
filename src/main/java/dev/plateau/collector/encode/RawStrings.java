package dev.plateau.collector.encode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the end of a JSON string in the raw input, 8 bytes per step: the index of its closing quote when the
 * string holds no escape and no control character (its UTF-8 bytes, already validated, are then the msgpack
 * string's bytes as they are), or {@code -1} so the caller lets Jackson decode it (escapes, or an unescaped
 * control character that Jackson rejects). Bytes {@code >= 0x80} never match, so multi-byte text stays on the
 * fast path. The first special byte of a word is located from the match mask (lowest set bit, little-endian
 * read), not byte by byte: most log strings are short, so the last word is most of the work.
 *
 * <pre>{@code
 * int end = RawStrings.end(body, quote + 1, body.length);   // -1: decode through Jackson
 * }</pre>
 */
final class RawStrings {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
    private static final long SPACES = 0x2020202020202020L;

    private RawStrings() {
    }

    /** End of the string starting at {@code from} (just after its opening quote) in {@code a[.., limit)}. */
    static int end(byte[] a, int from, int limit) {
        int i = from;
        while (i + 8 <= limit) {
            long mask = special((long) LONGS.get(a, i));
            if (mask != 0) {
                // the lowest flagged byte is exact (borrows only run towards higher bytes)
                int at = i + (Long.numberOfTrailingZeros(mask) >>> 3);
                return a[at] == '"' ? at : -1;
            }
            i += 8;
        }
        for (; i < limit; i++) {
            int b = a[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\' || b >= 0 && b < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * The high bit set in each byte of {@code w} that may be a quote, a backslash or below 0x20; the lowest set
     * one is exactly the first such byte (higher ones may be false positives after it).
     */
    private static long special(long w) {
        long q = w ^ QUOTES;
        long s = w ^ BACKSLASHES;
        return (((q - ONES) & ~q) | ((s - ONES) & ~s) | ((w - SPACES) & ~w)) & HIGHS;
    }
}
