package dev.plateau.collector.output;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fluent Bit's {@code null} output: takes every chunk, writes nothing, counts records and bytes. The flusher still
 * releases the chunk (this output only reads).
 */
public final class NullOutput implements Output {
    private final LongAdder records = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder chunks = new LongAdder();

    @Override
    public void write(String tag, ByteBuf events, int records) {
        this.records.add(records);
        this.bytes.add(events.readableBytes());
        this.chunks.increment();
    }

    @Override
    public String name() {
        return "null";
    }

    public long records() {
        return records.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    public long chunks() {
        return chunks.sum();
    }

    @Override
    public void close() {
    }
}
