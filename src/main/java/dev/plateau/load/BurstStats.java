package dev.plateau.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The counters of one burst, written by the client event loops and read from any thread: sent, answered,
 * failed, non-2xx, bytes written, status codes, errors by kind, and latencies in an HdrHistogram
 * {@link Recorder} (microseconds, 3 significant digits, up to one hour).
 *
 * <p>Coordinated omission: with a constant {@code --rate} the slots hand in latencies measured from each request's
 * <em>intended</em> start on the schedule (wrk2's method), so time a request spent waiting behind a slow answer is
 * already counted. Recording those with {@code recordValueWithExpectedInterval} as well would count the stall
 * twice, so values are recorded as they are. Without a rate (or with {@code --delay-ms}) the load is closed-loop
 * and latency runs from the write to the last byte of the answer, like wrk's.
 */
final class BurstStats {
    private static final long MAX_LATENCY_US = TimeUnit.HOURS.toMicros(1);

    private final LongAdder sent = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder non2xx = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<Integer, String> reasons = new ConcurrentHashMap<>();
    private final Recorder latencies = new Recorder(MAX_LATENCY_US, 3);

    void sent() {
        sent.increment();
    }

    void bytesWritten(long bytes) {
        bytesSent.add(bytes);
    }

    void answered(int status, long latencyNanos) {
        answered.increment();
        if (status < 200 || status > 299) {
            non2xx.increment();
        }
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        long us = Math.max(0, Math.min(MAX_LATENCY_US, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
        latencies.recordValue(us);
    }

    /** The first body seen for a non-2xx status is its reason. */
    void reason(int status, String text) {
        if (!text.isEmpty()) {
            reasons.putIfAbsent(status, text);
        }
    }

    void failed(String kind) {
        failed.increment();
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    long bytesSent() {
        return bytesSent.sum();
    }

    long completed() {
        return answered.sum() + failed.sum();
    }

    BurstProgress progress(long total, int openConnections, boolean done) {
        return new BurstProgress(total, sent.sum(), answered.sum(), failed.sum(), non2xx.sum(), openConnections, done);
    }

    /** Builds the report; call once, when the burst is over (it takes the recorder's histogram). */
    BurstReport report(long elapsedNanos, boolean cancelled) {
        Histogram h = latencies.getIntervalHistogram();
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        long ok = answered.sum();
        long ko = failed.sum();
        return new BurstReport(seconds, ok + ko, ok, ko, non2xx.sum(), (ok + ko) / seconds,
                bytesSent.sum() / 1e6 / seconds,
                ms(h, 50), ms(h, 90), ms(h, 99), h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0,
                snapshot(statuses), snapshot(errors), Map.copyOf(reasons), cancelled);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static <K extends Comparable<K>> Map<K, Long> snapshot(Map<K, LongAdder> counts) {
        Map<K, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
