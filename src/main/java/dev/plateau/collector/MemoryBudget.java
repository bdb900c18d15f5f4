package dev.plateau.collector;

import io.netty.util.internal.PlatformDependent;
import java.util.Locale;

/**
 * The memory a collector may need, derived from its own limits, set against what this JVM allows; stated at start.
 *
 * <p>Heap: a fixed base (classes, Netty, Jackson and the garbage of in-flight requests, {@value #BASE_HEAP_MB} MiB,
 * measured: the live set after small- and large-body load is ~10 MiB, and the young generation needs room), plus
 * one {@code buffer_max_size} per worker (a gzip/zstd/snappy body is inflated into a heap buffer of at most that
 * size). Direct (malloc) memory: {@code mem_buf_limit} of queued chunks, one encoder buffer per worker that grows to
 * the largest request, and {@code buffer_max_size} per connection at most (the connection buffer's ceiling).
 * With {@code max_connections} set, the connections are counted; otherwise the line says how many fit.
 *
 * <pre>{@code
 * events.emit(EventKind.INFO, MemoryBudget.of(config).describe(Runtime.getRuntime().maxMemory(), maxDirect));
 * // memory: limits need heap ≤ 28 MiB (24 MiB + 1 worker × buffer_max_size 4 MiB), direct ≤ 68 MiB ...
 * }</pre>
 */
public record MemoryBudget(long heapBytes, long directBytes, long directPerConnection, int connections) {
    /** Heap the collector needs before any limit is counted, in MiB. */
    public static final int BASE_HEAP_MB = 24;
    private static final long MIB = 1 << 20;
    /** Connections assumed for the advice when {@code max_connections} is unlimited. */
    static final int ASSUMED_CONNECTIONS = 100;

    /** The budget of {@code config}: {@code connections} is {@code max_connections} (0 = unlimited). */
    public static MemoryBudget of(CollectorConfig config) {
        long heap = BASE_HEAP_MB * MIB + config.workers() * config.bufferMaxSize();
        long direct = config.memBufLimit() + config.workers() * config.bufferMaxSize();
        return new MemoryBudget(heap, direct, config.bufferMaxSize(), config.maxConnections());
    }

    /** Direct memory with every allowed connection at {@code buffer_max_size} (unlimited: {@value #ASSUMED_CONNECTIONS}). */
    public long directWithConnections() {
        return directBytes + (long) (connections > 0 ? connections : ASSUMED_CONNECTIONS) * directPerConnection;
    }

    /** The start line: what the limits need, what this JVM allows, and the option to raise when it is short. */
    public String describe(long maxHeap, long maxDirect) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "memory: limits need heap ≤ %d MiB (%d MiB + buffer_max_size per worker), direct ≤ %d MiB (mem_buf_limit"
                        + " + an encoder per worker)", mb(heapBytes), BASE_HEAP_MB, mb(directBytes)));
        if (connections > 0) {
            line.append(String.format(Locale.ROOT, " + %d × %d MiB for max_connections = %d MiB",
                    connections, mb(directPerConnection), mb(directWithConnections())));
        } else {
            line.append(String.format(Locale.ROOT, " + %d MiB per connection", mb(directPerConnection)));
        }
        line.append(String.format(Locale.ROOT, "; this JVM: heap max %d MiB, direct max %d MiB", mb(maxHeap), mb(maxDirect)));
        if (connections == 0 && maxDirect > directBytes) {
            line.append(String.format(Locale.ROOT, " (%d connections at buffer_max_size)",
                    (maxDirect - directBytes) / Math.max(1, directPerConnection)));
        }
        String raise = raise(maxHeap, maxDirect);
        return raise.isEmpty() ? line.toString() : line + " — too small: set JAVA_TOOL_OPTIONS=\"" + raise + "\"";
    }

    /** The JVM options that would cover this budget, or "" when the current limits do. */
    public String raise(long maxHeap, long maxDirect) {
        String heap = maxHeap < heapBytes ? "-Xmx" + roundUpMb(heapBytes) + "m" : "";
        long direct = directWithConnections();
        String dir = maxDirect < direct ? "-XX:MaxDirectMemorySize=" + roundUpMb(direct) + "m" : "";
        return (heap + " " + dir).trim();
    }

    /** The start line for this JVM's own limits (Netty's direct-memory ceiling, which follows MaxDirectMemorySize). */
    public String describe() {
        return describe(Runtime.getRuntime().maxMemory(), PlatformDependent.maxDirectMemory());
    }

    private static long mb(long bytes) {
        return Math.round(bytes / (double) MIB);
    }

    private static long roundUpMb(long bytes) {
        long mib = (bytes + MIB - 1) / MIB;
        return (mib + 15) / 16 * 16;
    }
}
