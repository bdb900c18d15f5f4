package dev.plateau.telemetry;

import dev.plateau.collector.ConnectionSnapshot;
import java.util.List;

/**
 * Everything Plateau knows about memory at one instant: one row of {@code samples.csv}, one point on every
 * chart. Immutable; built by the {@code Sampler} on its own thread. Column names carry their unit.
 * Collector figures are 0 when no collector runs; {@code watchedRssBytes} is -1 when no external process
 * is watched.
 */
public record Sample(
        long epochMillis,
        double elapsedS,
        long rssBytes,
        long heapUsedBytes,
        long heapCommittedBytes,
        long directUsedBytes,
        int connOpen,
        long connBufferBytes,
        long connBufferMaxBytes,
        long connBufferHwmBytes,
        long encoderRetainedBytes,
        long encoderAllocationsTotal,
        long encoderAllocatedBytesTotal,
        long requestsTotal,
        long requests2xx,
        long requests4xx,
        long requests5xx,
        long recordsInTotal,
        long recordsOutTotal,
        long recordsDroppedTotal,
        long bytesInTotal,
        long queueBytes,
        long gcCount,
        long gcTimeMs,
        boolean shrink,
        boolean reinit,
        long idleTimeoutMs,
        long watchedRssBytes,
        long chunkBytes,
        List<ConnectionSnapshot> connections) {

    /** CSV header of {@code samples.csv}, in column order (connections are not part of it). */
    public static final List<String> COLUMNS = List.of(
            "epoch_ms", "elapsed_s", "rss_bytes", "heap_used_bytes", "heap_committed_bytes", "direct_used_bytes",
            "conn_open", "conn_buffer_bytes", "conn_buffer_max_bytes", "conn_buffer_hwm_bytes",
            "encoder_retained_bytes", "encoder_allocations_total", "encoder_allocated_bytes_total",
            "requests_total", "requests_2xx_total", "requests_4xx_total", "requests_5xx_total",
            "records_in_total", "records_out_total", "records_dropped_total", "bytes_in_total", "queue_bytes",
            "gc_count", "gc_time_ms", "policy_shrink", "policy_reinit", "policy_idle_timeout_ms",
            "watched_rss_bytes", "chunk_bytes");

    /** A sample without chunk memory (recorded before {@code chunk_bytes} existed, or no collector). */
    public Sample(long epochMillis, double elapsedS, long rssBytes, long heapUsedBytes, long heapCommittedBytes,
            long directUsedBytes, int connOpen, long connBufferBytes, long connBufferMaxBytes, long connBufferHwmBytes,
            long encoderRetainedBytes, long encoderAllocationsTotal, long encoderAllocatedBytesTotal,
            long requestsTotal, long requests2xx, long requests4xx, long requests5xx, long recordsInTotal,
            long recordsOutTotal, long recordsDroppedTotal, long bytesInTotal, long queueBytes, long gcCount,
            long gcTimeMs, boolean shrink, boolean reinit, long idleTimeoutMs, long watchedRssBytes,
            List<ConnectionSnapshot> connections) {
        this(epochMillis, elapsedS, rssBytes, heapUsedBytes, heapCommittedBytes, directUsedBytes, connOpen,
                connBufferBytes, connBufferMaxBytes, connBufferHwmBytes, encoderRetainedBytes, encoderAllocationsTotal,
                encoderAllocatedBytesTotal, requestsTotal, requests2xx, requests4xx, requests5xx, recordsInTotal,
                recordsOutTotal, recordsDroppedTotal, bytesInTotal, queueBytes, gcCount, gcTimeMs, shrink, reinit,
                idleTimeoutMs, watchedRssBytes, 0, connections);
    }

    public Sample {
        connections = connections == null ? List.of() : List.copyOf(connections);
    }

    /** This sample with another timestamp and per-connection list; every other figure the same. */
    public Sample with(long epochMillis, double elapsedS, List<ConnectionSnapshot> connections) {
        return new Sample(epochMillis, elapsedS, rssBytes, heapUsedBytes, heapCommittedBytes, directUsedBytes,
                connOpen, connBufferBytes, connBufferMaxBytes, connBufferHwmBytes, encoderRetainedBytes,
                encoderAllocationsTotal, encoderAllocatedBytesTotal, requestsTotal, requests2xx, requests4xx,
                requests5xx, recordsInTotal, recordsOutTotal, recordsDroppedTotal, bytesInTotal, queueBytes, gcCount,
                gcTimeMs, shrink, reinit, idleTimeoutMs, watchedRssBytes, chunkBytes, connections);
    }

    /** The values of {@link #COLUMNS}, as numbers (booleans as 0/1). */
    public double[] values() {
        return new double[] {
            epochMillis, elapsedS, rssBytes, heapUsedBytes, heapCommittedBytes, directUsedBytes,
            connOpen, connBufferBytes, connBufferMaxBytes, connBufferHwmBytes,
            encoderRetainedBytes, encoderAllocationsTotal, encoderAllocatedBytesTotal,
            requestsTotal, requests2xx, requests4xx, requests5xx,
            recordsInTotal, recordsOutTotal, recordsDroppedTotal, bytesInTotal, queueBytes,
            gcCount, gcTimeMs, shrink ? 1 : 0, reinit ? 1 : 0, idleTimeoutMs, watchedRssBytes, chunkBytes
        };
    }

    /** Value of one column by its CSV name; throws {@link IllegalArgumentException} for an unknown name. */
    public double value(String column) {
        int i = COLUMNS.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("unknown metric '" + column + "'; known: " + String.join(", ", COLUMNS));
        }
        return values()[i];
    }
}
