package dev.plateau.collector;

/**
 * Allocator of connection, chunk and encoder buffers ({@code allocator}): {@link #UNPOOLED} is malloc/free like
 * Fluent Bit, so RSS follows what is held; {@link #POOLED} and {@link #ADAPTIVE} are Netty's pools, which keep
 * chunks after release.
 */
public enum AllocatorKind implements OptionType.Choice {
    UNPOOLED, POOLED, ADAPTIVE;
}
