package dev.plateau.fleet;

import dev.plateau.runs.Trend;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to judge: where the history is, which memory gauge against which work counter, which labels name an
 * instance, over which range. Validated on construction, with messages naming the option.
 *
 * @param prometheus  root URL of Prometheus or a compatible store
 * @param auth        credential for it ({@link Auth#none()} for none)
 * @param memory      PromQL of the memory gauge, one series per instance
 * @param work        PromQL of the work counter (records), one series per instance; null judges per second
 * @param by          labels that name an instance in both expressions' answers
 * @param range       how far back from {@code end}
 * @param end         end of the range
 * @param step        resolution; null = auto ({@link RangePlan})
 * @param trend       the verdict rule ({@link FleetThreshold})
 * @param timeout     connect and per-query timeout
 * @param concurrency queries in flight at once
 */
public record FleetSpec(URI prometheus, Auth auth, String memory, String work, List<String> by, Duration range,
                        Instant end, Duration step, Trend trend, Duration timeout, int concurrency) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_CONCURRENCY = 4;

    public FleetSpec {
        Objects.requireNonNull(prometheus, "prometheus");
        auth = auth == null ? Auth.none() : auth;
        if (memory == null || memory.isBlank()) {
            throw new IllegalArgumentException("--memory: a PromQL expression is required (or choose a --preset)");
        }
        work = work == null || work.isBlank() ? null : work;
        by = List.copyOf(by);
        if (by.isEmpty() || by.stream().anyMatch(l -> !l.matches("[a-zA-Z_][a-zA-Z0-9_]*"))) {
            throw new IllegalArgumentException("--by: one or more label names separated by commas, was " + by);
        }
        Objects.requireNonNull(range, "range");
        end = end == null ? Instant.now() : end;
        trend = trend == null ? new Trend() : trend;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive, was " + timeout);
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("--concurrency must be 1..64, was " + concurrency);
        }
    }

    /** The spec of a preset, the rest as given. */
    public static FleetSpec of(URI prometheus, Preset preset, Duration range) {
        return new FleetSpec(prometheus, Auth.none(), preset.memory(), preset.work(), preset.by(), range, null, null,
                null, null, DEFAULT_CONCURRENCY);
    }

    /** The time grid this spec queries. */
    public RangePlan plan() {
        return RangePlan.of(end, range, step);
    }

    /** Unit of the slopes: bytes per record with a work expression, else bytes per second. */
    public String unit() {
        return work == null ? "B/s" : "B/record";
    }
}
