package dev.plateau.load.bench;

/**
 * One measured cell of the bench table: one server driven by one load generator with one body.
 *
 * @param load             {@code small} or {@code large}
 * @param bodyBytes        request body size in bytes
 * @param generator        {@code plateau} (the built-in {@code BurstRunner}) or {@code wrk}
 * @param server           {@code collector} or {@code baseline}
 * @param requests         requests completed in the measured phase (warm-up excluded)
 * @param seconds          length of the measured phase
 * @param requestsPerSec   completed requests per second
 * @param mbPerSec         request body bytes per second, MB (10^6 bytes)
 * @param p50Ms            median latency, ms
 * @param p99Ms            99th percentile latency, ms
 * @param allocPerRequest  heap bytes allocated by the server side per request, or NaN when not measured (wrk rows)
 * @param cpuMicrosPerRequest CPU time of the server side per request in µs (independent of machine load), or NaN
 * @param errors           failed requests plus non-2xx answers
 */
public record BenchRow(
        String load,
        int bodyBytes,
        String generator,
        String server,
        long requests,
        double seconds,
        double requestsPerSec,
        double mbPerSec,
        double p50Ms,
        double p99Ms,
        double allocPerRequest,
        double cpuMicrosPerRequest,
        long errors) {
}
