package dev.plateau.collector.http;

import dev.plateau.collector.CollectorConfig;

/**
 * How a connection's request buffer is sized: where it starts, how it grows, and when growing must fail with
 * {@code 413}. {@link ConnectionBuffer} owns the real {@code ByteBuf}; the model only answers sizes, so each Fluent
 * Bit generation is one small type and a test can ask it directly.
 *
 * <ul>
 *   <li>{@link ChunkGrowth} — Fluent Bit 4.x {@code plugins/in_http/http_conn.c}: one {@code buffer_chunk_size} at
 *       accept, grown a chunk at a time.</li>
 *   <li>{@link SessionGrowth} — Fluent Bit 5.x {@code src/http_server/}: the session's {@code incoming_data}
 *       {@code cfl_sds} starts at 10 KiB and grows by exactly what each read appends.</li>
 * </ul>
 *
 * <pre>{@code
 * BufferModel model = BufferModel.of(config);
 * long next = model.grow(buf.capacity(), buf.writerIndex() + n);   // -1: past buffer_max_size, answer 413
 * }</pre>
 */
interface BufferModel {
    /** Capacity allocated when the connection opens (and after a shrink). */
    int initial();

    /** The capacity this model would reach to hold {@code bytes}, for the early {@code Content-Length} check. */
    long capacityFor(long bytes);

    /**
     * The capacity to grow to so that {@code needed} bytes fit, given the current {@code capacity}; {@code -1} if
     * that would pass {@code buffer_max_size}. Only called when {@code needed > capacity}.
     */
    long grow(long capacity, long needed);

    /** The shrink policy replaces a buffer whose capacity is above this after a request. */
    long shrinkAbove();

    /** Bytes of a separate per-connection read buffer, allocated at the first request and kept until close; 0 = none. */
    int readBuffer();

    /** Upper limit: {@code buffer_max_size}. */
    long max();

    /** The model named by {@code config.bufferModel()}. */
    static BufferModel of(CollectorConfig config) {
        return config.bufferModel() == dev.plateau.collector.BufferModel.V5
                ? new SessionGrowth(config.bufferMaxSize(), config.bufferChunkSize())
                : new ChunkGrowth(config.bufferChunkSize(), config.bufferMaxSize());
    }
}
