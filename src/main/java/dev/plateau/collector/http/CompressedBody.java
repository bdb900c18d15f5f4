package dev.plateau.collector.http;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.xerial.snappy.SnappyFramedInputStream;

/**
 * Inflates a compressed request body the way Fluent Bit's {@code in_http} accepts it ({@code Content-Encoding}
 * compared case-insensitively): {@code gzip}, {@code zstd} (zstd-jni, a zstd frame) and {@code snappy} (snappy-java,
 * Google's <b>framed</b> format with CRC-32C checks, like {@code flb_snappy_uncompress_framed_data}). The output is
 * bounded by {@code buffer_max_size}: it is decoded as a stream in 8 KiB steps into a buffer whose maximum capacity is
 * the limit, so a compression bomb costs at most the limit plus the decoder's window (zstd's window is capped at
 * {@link #zstdWindowLog(long)}), and no size declared in the stream is trusted. The caller releases the result.
 *
 * <pre>{@code
 * ByteBuf plain = CompressedBody.inflate(CompressedBody.Coding.ZSTD, body, config.bufferMaxSize(), alloc);
 * try { ... } finally { plain.release(); }
 * }</pre>
 */
final class CompressedBody {
    private static final int STEP = 8192;

    /** Content-Encodings Plateau inflates. */
    enum Coding {
        GZIP, ZSTD, SNAPPY;

        /** Fluent Bit's names ({@code x-gzip} also accepted as gzip), or null when {@code header} is none of them. */
        static Coding of(String header) {
            return switch (header.trim().toLowerCase(Locale.ROOT)) {
                case "gzip", "x-gzip" -> GZIP;
                case "zstd" -> ZSTD;
                case "snappy" -> SNAPPY;
                default -> null;
            };
        }
    }

    /** The inflated body would pass the limit. */
    static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException(long limit) {
            super("inflated body exceeds " + limit + " bytes");
        }
    }

    private CompressedBody() {
    }

    /** Throws {@link IOException} for a corrupt or truncated stream, {@link TooLargeException} past {@code limit}. */
    static ByteBuf inflate(Coding coding, ByteBuf body, long limit, ByteBufAllocator alloc)
            throws IOException, TooLargeException {
        int max = (int) Math.min(limit, Integer.MAX_VALUE - 8);
        ByteBuf out = alloc.heapBuffer(Math.min(body.readableBytes() * 4 + 64, max), max);
        boolean ok = false;
        try (InputStream in = open(coding, new ByteBufInputStream(body.duplicate()), limit)) {
            byte[] step = new byte[STEP];
            int n;
            while ((n = in.read(step)) >= 0) {
                if ((long) out.readableBytes() + n > limit) {
                    throw new TooLargeException(limit);
                }
                out.writeBytes(step, 0, n);
            }
            ok = true;
            return out;
        } catch (RuntimeException e) {
            throw new IOException(coding + " body: " + e.getMessage(), e);
        } finally {
            if (!ok) {
                out.release();
            }
        }
    }

    /**
     * Largest zstd window (log2) accepted: 2^23 (8 MiB, the window of zstd's streaming levels up to 19, whose frames
     * declare it whatever their content), more when {@code limit} needs it, never above zstd's default cap 2^27.
     * The decoder allocates the declared window, so this bounds its memory per event loop.
     */
    static int zstdWindowLog(long limit) {
        int log = 64 - Long.numberOfLeadingZeros(Math.max(1, limit - 1));
        return Math.max(23, Math.min(27, log + 1));
    }

    private static InputStream open(Coding coding, InputStream raw, long limit) throws IOException {
        return switch (coding) {
            case GZIP -> new GZIPInputStream(raw, STEP);
            case ZSTD -> new ZstdInputStreamNoFinalizer(raw).setLongMax(zstdWindowLog(limit));
            case SNAPPY -> new SnappyFramedInputStream(raw, true);
        };
    }
}
