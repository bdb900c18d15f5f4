package dev.plateau.ui;

import dev.plateau.collector.ConnectionSnapshot;
import dev.plateau.telemetry.Sample;
import java.util.List;

/** Builds {@link Sample}s for view-model tests (the real sampler produces the same record). */
public final class Samples {
    public static final long T0 = 1_800_000_000_000L;

    private Samples() {
    }

    /** A sample at {@code elapsed} seconds with the given memory figures and cumulative counters. */
    public static Sample at(double elapsed, long rss, long connBuffer, long requests, long encoderAllocations,
                     List<ConnectionSnapshot> connections) {
        long maxConn = connections.stream().mapToLong(ConnectionSnapshot::capacityBytes).max().orElse(0);
        return new Sample(T0 + Math.round(elapsed * 1000), elapsed, rss, rss / 4, rss / 2, rss / 8,
                connections.size(), connBuffer, maxConn, maxConn, 16_384, encoderAllocations, encoderAllocations * 8192,
                requests, requests, 0, 0, requests * 10, requests * 10, 0, requests * 1100, 0, 0, 0, false, false, 0,
                -1, connections);
    }

    public static Sample at(double elapsed, long rss) {
        return at(elapsed, rss, 0, 0, 0, List.of());
    }

    public static ConnectionSnapshot conn(long id, long capacity, long highWater) {
        return new ConnectionSnapshot(id, "127.0.0.1:" + (50_000 + id), "http/1.1", T0, 3, 3_000, capacity, highWater,
                0, T0);
    }
}
