package dev.plateau.collector.http;

/**
 * Fluent Bit 4.x's legacy {@code in_http} connection buffer ({@code plugins/in_http/http_conn.c}, v4.2.8):
 * {@code flb_malloc(buffer_chunk_size)} at accept (line 262), grown by {@code flb_realloc} one
 * {@code buffer_chunk_size} at a time while the request does not fit (lines 80–102); if
 * {@code buf_size + buffer_chunk_size > buffer_max_size} the answer is {@code 413} and the connection closes
 * (line 82). After a request its bytes are consumed and the capacity is kept (lines 140–156).
 */
final class ChunkGrowth implements BufferModel {
    private final long chunk;
    private final long max;

    ChunkGrowth(long chunk, long max) {
        if (chunk <= 0 || chunk > max) {
            throw new IllegalArgumentException("buffer_chunk_size must be > 0 and <= buffer_max_size, was " + chunk);
        }
        this.chunk = chunk;
        this.max = max;
    }

    @Override
    public int initial() {
        return (int) chunk;
    }

    @Override
    public long capacityFor(long bytes) {
        long chunks = Math.max(1, (bytes + chunk - 1) / chunk);
        return chunks * chunk;
    }

    @Override
    public long grow(long capacity, long needed) {
        long next = capacity;
        while (next < needed) {
            next += chunk;
            if (next > max) {
                return -1;
            }
        }
        return next;
    }

    /** The seed's fix: back to one chunk once the buffer holds more than two. */
    @Override
    public long shrinkAbove() {
        return 2 * chunk;
    }

    /** {@code http_conn.c} reads straight into the connection buffer. */
    @Override
    public int readBuffer() {
        return 0;
    }

    @Override
    public long max() {
        return max;
    }
}
