package dev.plateau.collector.encode;

import dev.plateau.collector.EncoderStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * CONTRACT STUB — implemented on branch h2-encode. Fluent Bit's log-event encoder with its memory semantics:
 * one output buffer that starts at {@link #INITIAL_CAPACITY} and doubles; {@link #reset()} keeps the capacity
 * (upstream), {@link #destroy()} frees it (the seed's reinit fix). One encoder per event loop: not thread-safe.
 */
public final class LogEventEncoder {
    public static final int INITIAL_CAPACITY = 8 * 1024;

    /** Events of one tag inside the encoder's buffer: {@code [offset, offset+length)}. */
    public record TagGroup(String tag, int offset, int length, int records) {
    }

    /** What one request produced; valid until the next {@link #reset()} or {@link #destroy()}. */
    public record Batch(int records, List<TagGroup> groups) {
    }

    public LogEventEncoder(ByteBufAllocator allocator, EncoderStats stats) {
        throw new UnsupportedOperationException("stub");
    }

    /** Encodes a JSON body (object, concatenated objects, or array of objects). On error nothing is kept. */
    public Batch encodeJson(ByteBuf body, RequestContext ctx) throws RecordException {
        throw new UnsupportedOperationException("stub");
    }

    /** Encodes an {@code application/x-www-form-urlencoded} body as one record of string values. */
    public Batch encodeForm(ByteBuf body, RequestContext ctx) throws RecordException {
        throw new UnsupportedOperationException("stub");
    }

    /** The encoder's buffer; readable bytes are the encoded events of the current batch. Do not release. */
    public ByteBuf buffer() {
        throw new UnsupportedOperationException("stub");
    }

    /** Size to 0; the allocation is kept at its high-water mark (upstream {@code flb_log_event_encoder_reset}). */
    public void reset() {
        throw new UnsupportedOperationException("stub");
    }

    /** Frees the buffer; the next encode allocates {@link #INITIAL_CAPACITY} afresh (destroy + init). */
    public void destroy() {
        throw new UnsupportedOperationException("stub");
    }

    /** Bytes currently allocated (0 after destroy). */
    public int capacity() {
        throw new UnsupportedOperationException("stub");
    }
}
