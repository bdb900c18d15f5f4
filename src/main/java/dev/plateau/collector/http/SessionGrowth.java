package dev.plateau.collector.http;

/**
 * Fluent Bit 5.x's session buffer ({@code src/http_server/}, v5.1.1): {@code incoming_data} is created as
 * {@code cfl_sds_create_size(HTTP_SERVER_INITIAL_BUFFER_SIZE)} = 10 KiB ({@code flb_http_server.c:1251},
 * {@code flb_http_server.h:39}); every read is appended with {@code cfl_sds_cat} ({@code flb_http_server.c:1374}),
 * which reallocs by exactly the missing bytes ({@code cfl_sds.c:328–330}, {@code cfl_sds_increase} at 141–182);
 * if {@code len + read > buffer_max_size} the answer is {@code 413} ({@code flb_http_server.c:1368}). After a
 * request is evicted the bytes move to the front and the allocation is kept
 * ({@code flb_http_server_http1.c:61–100}). Each session also reads the socket into its own
 * {@code read_buffer} of {@code buffer_chunk_size}, {@code flb_malloc}ed at the first read and freed with the
 * session ({@code flb_http_server.c:224–239, 1347}).
 */
final class SessionGrowth implements BufferModel {
    /** {@code HTTP_SERVER_INITIAL_BUFFER_SIZE}. */
    static final int INITIAL = 10 * 1024;

    private final long max;
    private final long readBuffer;

    SessionGrowth(long max, long readBuffer) {
        this.max = max;
        this.readBuffer = readBuffer;
    }

    @Override
    public int initial() {
        return (int) Math.min(INITIAL, max);
    }

    @Override
    public long capacityFor(long bytes) {
        return Math.max(bytes, initial());
    }

    @Override
    public long grow(long capacity, long needed) {
        return needed > max ? -1 : needed;
    }

    /** {@code session-buffer-shrink.patch}: back to 10 KiB once the session buffer grew past twice that. */
    @Override
    public long shrinkAbove() {
        return 2L * initial();
    }

    @Override
    public int readBuffer() {
        return (int) Math.min(readBuffer, Integer.MAX_VALUE - 8);
    }

    @Override
    public long max() {
        return max;
    }
}
