package dev.plateau.collector.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Inflates a {@code Content-Encoding: gzip} body into a new buffer, bounded like Fluent Bit by
 * {@code buffer_max_size}. The caller owns (and releases) the returned buffer.
 *
 * <pre>{@code
 * ByteBuf plain = GzipBody.inflate(body, config.bufferMaxSize(), alloc);
 * try { ... } finally { plain.release(); }
 * }</pre>
 */
final class GzipBody {
    /** The inflated body would pass the limit. */
    static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException(long limit) {
            super("inflated body exceeds " + limit + " bytes");
        }
    }

    private GzipBody() {
    }

    /** Throws {@link IOException} for a corrupt or truncated stream, {@link TooLargeException} past {@code limit}. */
    static ByteBuf inflate(ByteBuf body, long limit, ByteBufAllocator alloc) throws IOException, TooLargeException {
        ByteBuf out = alloc.heapBuffer(Math.min(body.readableBytes() * 4 + 64, (int) Math.min(limit, Integer.MAX_VALUE - 8)));
        boolean ok = false;
        try (InputStream in = new GZIPInputStream(new ByteBufInputStream(body.duplicate()), 8192)) {
            byte[] step = new byte[8192];
            int n;
            while ((n = in.read(step)) > 0) {
                if ((long) out.readableBytes() + n > limit) {
                    throw new TooLargeException(limit);
                }
                out.writeBytes(step, 0, n);
            }
            ok = true;
            return out;
        } finally {
            if (!ok) {
                out.release();
            }
        }
    }
}
