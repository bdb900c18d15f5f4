package dev.plateau.load;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a finished (or cancelled) burst measured, in the spirit of wrk's and vegeta's reports. Immutable.
 * Latency percentiles come from an HdrHistogram (3 significant digits); with {@code --rate} latency is measured
 * from each request's intended start time, so a slow server cannot hide behind a client that waits for it
 * (coordinated omission).
 *
 * <pre>{@code
 * BurstReport r = handle.result().join();
 * System.out.print(r.format());
 * }</pre>
 *
 * @param durationS      wall time from start to the last response, seconds
 * @param requests       requests attempted (answered + failed)
 * @param answered       requests that got a response, any status
 * @param failed         requests without a response (see {@code errors})
 * @param non2xx         answered with a status outside 200-299
 * @param requestsPerSec attempted requests per second
 * @param mbPerSec       request body bytes written per second, in MB (10^6 bytes) per second
 * @param p50Ms          median latency of answered requests, ms
 * @param p90Ms          90th percentile, ms
 * @param p99Ms          99th percentile, ms
 * @param maxMs          slowest answered request, ms
 * @param statusCounts   answered requests by HTTP status (sorted, unmodifiable)
 * @param errors         failed requests by kind (sorted, unmodifiable) ({@code connect refused}, {@code connection reset}, {@code timeout}, {@code cancelled} ...)
 * @param reasons        per non-2xx status, the answer's body (the target's reason, e.g. the limit it reached)
 * @param cancelled      the burst was cancelled before all requests completed
 */
public record BurstReport(
        double durationS,
        long requests,
        long answered,
        long failed,
        long non2xx,
        double requestsPerSec,
        double mbPerSec,
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double maxMs,
        Map<Integer, Long> statusCounts,
        Map<String, Long> errors,
        Map<Integer, String> reasons,
        boolean cancelled) {

    public BurstReport {
        statusCounts = Collections.unmodifiableMap(new TreeMap<>(statusCounts));
        errors = Collections.unmodifiableMap(new TreeMap<>(errors));
        reasons = Collections.unmodifiableMap(new TreeMap<>(reasons));
    }

    /** Each non-2xx status with its count and reason: {@code 503 ×25: error: ingestion queue is full ...}. */
    public List<String> explainedFailures() {
        return statusCounts.entrySet().stream().filter(e -> e.getKey() < 200 || e.getKey() > 299)
                .map(e -> e.getKey() + " ×" + e.getValue() + (reasons.containsKey(e.getKey()) ? ": " + reasons.get(e.getKey()) : ""))
                .toList();
    }

    /** True when every request got a 2xx answer. */
    public boolean allSucceeded() {
        return failed == 0 && non2xx == 0 && !cancelled;
    }

    /** A multi-line report, one figure per line, ending with a newline. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        line(sb, "Duration", fmt("%.2f s", durationS) + (cancelled ? "  (cancelled)" : ""));
        line(sb, "Requests", requests + "  (answered " + answered + ", failed " + failed + ", non-2xx " + non2xx + ")");
        line(sb, "Throughput", fmt("%.1f req/s, %.2f MB/s sent", requestsPerSec, mbPerSec));
        line(sb, "Latency", answered == 0 ? "n/a (no answers)"
                : fmt("p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms", p50Ms, p90Ms, p99Ms, maxMs));
        line(sb, "Status codes", statusCounts.isEmpty() ? "none" : statusCounts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("  ")));
        explainedFailures().forEach(f -> line(sb, "Non-2xx", f));
        line(sb, "Errors", errors.isEmpty() ? "none" : errors.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("  ")));
        return sb.toString();
    }

    /** One line for event logs: {@code 1000 requests in 2.01 s, 497.5 req/s, p99 3.10 ms, failed 0}. */
    public String summary() {
        return fmt("%d requests in %.2f s, %.1f req/s, %.2f MB/s, p99 %.2f ms, non-2xx %d, failed %d",
                requests, durationS, requestsPerSec, mbPerSec, p99Ms, non2xx, failed)
                + (non2xx > 0 ? " (" + String.join("; ", explainedFailures()) + ")" : "");
    }

    /** The most frequent error kind, or null when nothing failed. */
    public String mainError() {
        return errors.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "  %-13s %s%n", label, value));
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
