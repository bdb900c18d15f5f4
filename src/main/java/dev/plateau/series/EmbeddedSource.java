package dev.plateau.series;

import dev.plateau.telemetry.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The embedded collector (and Plateau's own JVM) as a source: every figure of a telemetry {@link Sample} under
 * its 0.1 column name ({@code rss_bytes}, {@code conn_buffer_bytes}, {@code requests_total} …). {@link #SERIES}
 * is the one place these series are declared: name, unit, kind and how to read it from a sample.
 *
 * <pre>{@code
 * EmbeddedSource embedded = new EmbeddedSource(sampler::sampleNow);
 * }</pre>
 */
public final class EmbeddedSource implements Source {
    /** A declared series and its reader. */
    public record Column(Series series, ToDoubleFunction<Sample> reader) {
    }

    /** Every embedded series, in the 0.1 CSV column order. */
    public static final List<Column> SERIES = List.of(
            gauge("rss_bytes", Series.BYTES, Sample::rssBytes),
            gauge("heap_used_bytes", Series.BYTES, Sample::heapUsedBytes),
            gauge("heap_committed_bytes", Series.BYTES, Sample::heapCommittedBytes),
            gauge("direct_used_bytes", Series.BYTES, Sample::directUsedBytes),
            gauge("conn_open", Series.COUNT, Sample::connOpen),
            gauge("conn_buffer_bytes", Series.BYTES, Sample::connBufferBytes),
            gauge("conn_buffer_max_bytes", Series.BYTES, Sample::connBufferMaxBytes),
            gauge("conn_buffer_hwm_bytes", Series.BYTES, Sample::connBufferHwmBytes),
            gauge("encoder_retained_bytes", Series.BYTES, Sample::encoderRetainedBytes),
            counter("encoder_allocations_total", Series.COUNT, Sample::encoderAllocationsTotal),
            counter("encoder_allocated_bytes_total", Series.BYTES, Sample::encoderAllocatedBytesTotal),
            counter("requests_total", Series.COUNT, Sample::requestsTotal),
            counter("requests_2xx_total", Series.COUNT, Sample::requests2xx),
            counter("requests_4xx_total", Series.COUNT, Sample::requests4xx),
            counter("requests_5xx_total", Series.COUNT, Sample::requests5xx),
            counter("records_in_total", Series.COUNT, Sample::recordsInTotal),
            counter("records_out_total", Series.COUNT, Sample::recordsOutTotal),
            counter("records_dropped_total", Series.COUNT, Sample::recordsDroppedTotal),
            counter("bytes_in_total", Series.BYTES, Sample::bytesInTotal),
            gauge("queue_bytes", Series.BYTES, Sample::queueBytes),
            counter("gc_count", Series.COUNT, Sample::gcCount),
            counter("gc_time_ms", Series.MILLISECONDS, Sample::gcTimeMs),
            gauge("policy_shrink", "flag", s -> s.shrink() ? 1 : 0),
            gauge("policy_reinit", "flag", s -> s.reinit() ? 1 : 0),
            gauge("policy_idle_timeout_ms", Series.MILLISECONDS, Sample::idleTimeoutMs),
            gauge("watched_rss_bytes", Series.BYTES, Sample::watchedRssBytes),
            gauge("chunk_bytes", Series.BYTES, Sample::chunkBytes));

    /** How many of {@link #SERIES} a 0.1 {@code samples.csv} has; the later ones may be missing (read as 0). */
    private static final int IN_0_1 = 26;

    private static final Map<String, Series> BY_NAME = new LinkedHashMap<>();

    static {
        SERIES.forEach(c -> BY_NAME.put(c.series().name(), c.series()));
    }

    private final Supplier<Sample> samples;

    /** Reads {@code samples.get()} each interval ({@code null}: nothing this time). */
    public EmbeddedSource(Supplier<Sample> samples) {
        this.samples = samples;
    }

    private static Column gauge(String name, String unit, ToDoubleFunction<Sample> reader) {
        return new Column(Series.gauge(name, unit), reader);
    }

    private static Column counter(String name, String unit, ToDoubleFunction<Sample> reader) {
        return new Column(Series.counter(name, unit), reader);
    }

    /** The series every embedded run has, also one recorded by 0.1 (the later ones, e.g. chunk memory, may be absent). */
    public static List<Column> required() {
        return SERIES.subList(0, IN_0_1);
    }

    /** The declaration of an embedded series by name (unit and kind of a 0.1 run's columns), or {@code null}. */
    public static Series declared(String name) {
        return BY_NAME.get(name);
    }

    /** The values of one sample by column (what {@link #read} puts). */
    public static Map<String, Double> values(Sample s) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Column c : SERIES) {
            out.put(c.series().column(), c.reader().applyAsDouble(s));
        }
        return out;
    }

    /** Frames of typed samples (tests, and the console's own ring). */
    public static List<Frame> frames(List<Sample> samples) {
        List<Frame> out = new ArrayList<>(samples.size());
        samples.forEach(s -> out.add(new Frame(s.epochMillis(), values(s))));
        return out;
    }

    /** The typed sample whose columns {@code value} gives (the inverse of {@link #values}); NaN reads as 0. */
    public static Sample sample(long epochMillis, double elapsedS, java.util.function.ToDoubleFunction<String> value) {
        long[] v = new long[SERIES.size()];
        for (int i = 0; i < v.length; i++) {
            double d = value.applyAsDouble(SERIES.get(i).series().column());
            v[i] = Double.isNaN(d) ? 0 : (long) d;
        }
        return new Sample(epochMillis, elapsedS, v[0], v[1], v[2], v[3], (int) v[4], v[5], v[6], v[7], v[8], v[9],
                v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22] != 0,
                v[23] != 0, v[24], v[25], v[26], List.of());
    }

    @Override
    public String id() {
        return "embedded";
    }

    @Override
    public void read(SeriesRegistry registry, Map<String, Double> out) {
        Sample s = samples.get();
        if (s == null) {
            return;
        }
        for (Column c : SERIES) {
            registry.declare(id(), c.series());
        }
        out.putAll(values(s));
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("source", id(), "what", "Plateau's embedded collector and its JVM");
    }
}
