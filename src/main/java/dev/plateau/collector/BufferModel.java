package dev.plateau.collector;

/**
 * How connection buffers are sized ({@code buffer_model}, docs/DESIGN.md §1):
 * {@link #LEGACY} allocates {@code buffer_chunk_size} at accept and grows in chunks (Fluent Bit up to 4.x);
 * {@link #V5} starts small and grows to exactly what a request needs, reading the socket in
 * {@code buffer_chunk_size} pieces (Fluent Bit 5's shared HTTP server).
 */
public enum BufferModel implements OptionType.Choice {
    LEGACY, V5;
}
