package dev.plateau.ui.load;

import dev.plateau.load.BurstProgress;
import dev.plateau.load.BurstSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the Load panel needs from the load generator: start a burst, watch it, cancel it. {@link Console} adapts
 * {@code dev.plateau.load.BurstRunner} to it; tests may use the real runner the same way.
 */
public interface BurstService {

    /** Starts a burst; throws {@link IllegalArgumentException} or another exception with a user message if it cannot. */
    Running start(BurstSpec spec) throws Exception;

    /** Closes connections that finished bursts keep open (abandoned or held); returns how many were open. */
    default int closeHeld() {
        return 0;
    }

    /** Sends one small request on a connection a finished burst holds open; completes with its status. */
    default CompletableFuture<Integer> oneMore() {
        return CompletableFuture.failedFuture(new IllegalStateException("no burst holds a connection open"));
    }

    /** A burst in flight. */
    interface Running {
        BurstProgress progress();

        void cancel();

        CompletableFuture<Summary> result();
    }

    /** The figures the panel shows from a finished burst's report. */
    record Summary(double requestsPerSec, double p50Ms, double p99Ms, Map<Integer, Long> statusCounts,
                   Map<String, Long> errors, List<String> failures, String text) {
        public String oneLine() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(java.util.Locale.ROOT, "%.0f req/s   p50 %.1f ms   p99 %.1f ms   status ",
                    requestsPerSec, p50Ms, p99Ms));
            if (statusCounts.isEmpty()) {
                b.append("none");
            }
            statusCounts.forEach((code, n) -> b.append(code).append('×').append(n).append(' '));
            if (!failures.isEmpty()) {
                b.append("  (").append(String.join("; ", failures)).append(") ");
            }
            if (!errors.isEmpty()) {
                b.append("  errors ");
                errors.forEach((kind, n) -> b.append(kind).append('×').append(n).append(' '));
            }
            return b.toString().trim();
        }
    }
}
