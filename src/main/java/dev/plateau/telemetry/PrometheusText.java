package dev.plateau.telemetry;

import java.util.Map;

/**
 * Renders a {@link Sample} (and the request counts by status code) in the Prometheus text exposition format
 * 0.0.4: every metric has a {@code # HELP} and a {@code # TYPE} line, counters end in {@code _total}, values
 * are integers (bytes, counts) so nothing is lost to floating-point formatting.
 *
 * <pre>{@code
 * String body = PrometheusText.render(sampler.sampleNow(), collector.counters().byCode());
 * // # HELP plateau_connection_buffer_bytes Sum of the capacities of all live connection buffers.
 * // # TYPE plateau_connection_buffer_bytes gauge
 * // plateau_connection_buffer_bytes 10000000
 * }</pre>
 */
public final class PrometheusText {
    /** Content type of the exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    private PrometheusText() {
    }

    public static String render(Sample s, Map<Integer, Long> requestsByCode) {
        PrometheusText t = new PrometheusText();
        t.gauge("process_resident_memory_bytes", "Resident set size of the Plateau process in bytes.", s.rssBytes());
        if (s.watchedRssBytes() >= 0) {
            t.gauge("plateau_watched_process_resident_memory_bytes", "Resident set size of the watched external process in bytes.", s.watchedRssBytes());
        }
        t.gauge("plateau_connections", "Open ingestion connections.", s.connOpen());
        t.gauge("plateau_connection_buffer_bytes", "Sum of the capacities of all live connection buffers.", s.connBufferBytes());
        t.gauge("plateau_connection_buffer_max_bytes", "Largest capacity of a live connection buffer.", s.connBufferMaxBytes());
        t.gauge("plateau_connection_buffer_high_water_bytes", "Largest capacity any connection buffer ever reached.", s.connBufferHwmBytes());
        t.gauge("plateau_encoder_retained_bytes", "Bytes the log-event encoders hold right now.", s.encoderRetainedBytes());
        t.counter("plateau_encoder_allocations_total", "Allocations made by the log-event encoders.", s.encoderAllocationsTotal());
        t.counter("plateau_encoder_allocated_bytes_total", "Bytes allocated by the log-event encoders.", s.encoderAllocatedBytesTotal());
        t.header("plateau_requests_total", "Answered ingestion requests by status code.", "counter");
        if (requestsByCode.isEmpty()) {
            t.out.append("plateau_requests_total{code=\"201\"} 0\n");
        }
        requestsByCode.forEach((code, n) -> t.out.append("plateau_requests_total{code=\"").append(code).append("\"} ")
                .append(n).append('\n'));
        t.counter("plateau_records_in_total", "Records accepted into the chunk queue.", s.recordsInTotal());
        t.counter("plateau_records_out_total", "Records delivered to the output.", s.recordsOutTotal());
        t.counter("plateau_records_dropped_total", "Records dropped (output failure or shutdown).", s.recordsDroppedTotal());
        t.counter("plateau_input_bytes_total", "Bytes of ingestion requests received.", s.bytesInTotal());
        t.gauge("plateau_queue_bytes", "Bytes waiting in the chunk queue for the output.", s.queueBytes());
        t.header("plateau_policy", "Memory policies: shrink and reinit 0/1, idle_timeout_seconds (0 = never).", "gauge");
        t.out.append("plateau_policy{name=\"shrink\"} ").append(s.shrink() ? 1 : 0).append('\n');
        t.out.append("plateau_policy{name=\"reinit\"} ").append(s.reinit() ? 1 : 0).append('\n');
        t.out.append("plateau_policy{name=\"idle_timeout_seconds\"} ").append(seconds(s.idleTimeoutMs())).append('\n');
        t.gauge("jvm_memory_heap_used_bytes", "Used JVM heap in bytes.", s.heapUsedBytes());
        t.gauge("jvm_memory_heap_committed_bytes", "Committed JVM heap in bytes.", s.heapCommittedBytes());
        t.gauge("jvm_direct_memory_used_bytes", "Direct memory used: Netty's counter plus the JVM direct buffer pool.", s.directUsedBytes());
        t.counter("jvm_gc_collections_total", "Garbage collections, all collectors.", s.gcCount());
        t.header("jvm_gc_collection_seconds_total", "Time spent in garbage collection, all collectors.", "counter");
        t.out.append("jvm_gc_collection_seconds_total ").append(seconds(s.gcTimeMs())).append('\n');
        return t.out.toString();
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }

    private void gauge(String name, String help, long value) {
        header(name, help, "gauge");
        out.append(name).append(' ').append(value).append('\n');
    }

    private void counter(String name, String help, long value) {
        header(name, help, "counter");
        out.append(name).append(' ').append(value).append('\n');
    }

    private void header(String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
