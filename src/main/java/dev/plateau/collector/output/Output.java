package dev.plateau.collector.output;

import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * Where flushed chunks go. The flusher calls {@link #write} from its own thread, one chunk at a time. The output
 * only <b>reads</b> {@code events} (msgpack Fluent Bit V2 events); the flusher owns the buffer and releases it
 * exactly once, whether the write succeeds, fails and is retried, or is given up.
 */
public interface Output extends AutoCloseable {
    /** Writes {@code records} events of {@code tag}; throws to ask for a retry later. */
    void write(String tag, ByteBuf events, int records) throws IOException;

    /** Short name for logs and the UI, e.g. {@code null}, {@code file:/tmp/out.log}. */
    String name();

    @Override
    void close() throws IOException;
}
