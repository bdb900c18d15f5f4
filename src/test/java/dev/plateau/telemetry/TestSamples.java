package dev.plateau.telemetry;

import dev.plateau.collector.ConnectionSnapshot;
import java.util.ArrayList;
import java.util.List;

/** Builds samples for tests: only the figures a test cares about, the rest 0. */
public final class TestSamples {
    private TestSamples() {
    }

    public static Sample sample(long epochMillis, double elapsedS, long requests, long connBufferBytes) {
        return sample(epochMillis, elapsedS, requests, connBufferBytes, List.of());
    }

    public static Sample sample(long epochMillis, double elapsedS, long requests, long connBufferBytes,
                                List<ConnectionSnapshot> connections) {
        return new Sample(epochMillis, elapsedS, 100_000_000 + connBufferBytes, 50_000_000, 80_000_000, 1_000_000,
                connections.size(), connBufferBytes, connBufferBytes / 2, connBufferBytes, 16_384, requests, requests * 8192,
                requests, requests, 0, 0, requests * 10, requests * 10, 0, requests * 5000, 0, 3, 12, true, false,
                2000, -1, connections);
    }

    public static List<ConnectionSnapshot> connections(int n, long capacity) {
        List<ConnectionSnapshot> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new ConnectionSnapshot(i, "127.0.0.1:" + (40000 + i), "http/1.1", 1000, 3, 3000, capacity,
                    capacity, 0, 2000));
        }
        return out;
    }
}
