package dev.plateau.load.bench;

import java.time.Duration;

/**
 * What {@code plateau bench} runs, validated on construction (messages name the CLI flag).
 *
 * @param connections    keep-alive connections per phase (both generators)
 * @param smallRequests  measured requests with the small body (one record) per server and round; the warm-up is as many
 * @param largeRequests  measured requests with the large body (~1 MB) per server and round; the warm-up is as many
 * @param largeLines     generated lines in the large body ({@value #DEFAULT_LARGE_LINES} ≈ 1 MB)
 * @param wrkDuration    length of each wrk run
 * @param wrk            run wrk too (when it is on the PATH)
 * @param workers        event-loop threads of both servers (the collector's {@code workers}, 1 like in_http)
 */
public record BenchPlan(int connections, int smallRequests, int largeRequests, int largeLines, Duration wrkDuration,
        boolean wrk, int workers) {
    public static final int DEFAULT_LARGE_LINES = 900;

    public BenchPlan {
        if (connections < 1 || connections > 10_000) {
            throw new IllegalArgumentException("--connections: must be 1-10000, was " + connections);
        }
        if (smallRequests < 1) {
            throw new IllegalArgumentException("--small-requests: must be >= 1, was " + smallRequests);
        }
        if (largeRequests < 1) {
            throw new IllegalArgumentException("--large-requests: must be >= 1, was " + largeRequests);
        }
        if (largeLines < 1 || largeLines > 100_000) {
            throw new IllegalArgumentException("--large-lines: must be 1-100000, was " + largeLines);
        }
        if (wrkDuration == null || wrkDuration.toSeconds() < 1) {
            throw new IllegalArgumentException("--duration: must be at least 1s, was " + wrkDuration);
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("--workers: must be 1-64, was " + workers);
        }
    }

    /** Requests of one warm-up burst before measured rounds of {@code measured} requests: as many, at least one per connection. */
    public int warmup(int measured) {
        return Math.max(connections, measured);
    }
}
