package dev.plateau.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The time grid of a fleet query: start and end aligned on the step (so the memory and work expressions are
 * evaluated at the same instants and chunk boundaries never shift the grid) and cut into chunks of at most
 * {@value #MAX_POINTS} points per series, Prometheus' own limit for one {@code query_range}.
 *
 * <p>{@code --step auto} picks about {@value #AUTO_POINTS} points over the range, never under one second: 24 h gives
 * a 1-minute step, one minute gives 1 s.
 *
 * <pre>{@code
 * RangePlan plan = RangePlan.of(Instant.now(), Duration.ofHours(24), null);   // auto step
 * for (RangePlan.Chunk c : plan.chunks()) { ... query_range(start=c.start(), end=c.end(), step=plan.step()) }
 * }</pre>
 */
public record RangePlan(Instant start, Instant end, Duration step, List<Chunk> chunks) {
    public static final int MAX_POINTS = 11_000;
    static final int AUTO_POINTS = 1_440;

    /** One {@code query_range} window, both ends included. */
    public record Chunk(int index, Instant start, Instant end) {
        public long points(Duration step) {
            return (end.toEpochMilli() - start.toEpochMilli()) / step.toMillis() + 1;
        }
    }

    public RangePlan {
        chunks = List.copyOf(chunks);
    }

    /** A plan ending at {@code end}, covering {@code range}; {@code step} null means auto. */
    public static RangePlan of(Instant end, Duration range, Duration step) {
        if (range == null || range.isNegative() || range.isZero()) {
            throw new IllegalArgumentException("range must be positive, was " + range);
        }
        Duration s = step != null ? step : auto(range);
        if (s.toMillis() < 1) {
            throw new IllegalArgumentException("step must be at least 1ms, was " + step);
        }
        if (range.toMillis() / s.toMillis() < 2) {
            throw new IllegalArgumentException("range " + range + " holds fewer than 2 steps of " + s);
        }
        long stepMs = s.toMillis();
        long endMs = Math.floorDiv(end.toEpochMilli(), stepMs) * stepMs;
        long startMs = endMs - Math.floorDiv(range.toMillis(), stepMs) * stepMs;
        List<Chunk> chunks = new ArrayList<>();
        long span = (MAX_POINTS - 1) * stepMs;
        for (long from = startMs; from <= endMs; from += span + stepMs) {
            chunks.add(new Chunk(chunks.size(), Instant.ofEpochMilli(from), Instant.ofEpochMilli(Math.min(from + span, endMs))));
        }
        return new RangePlan(Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(endMs), s, chunks);
    }

    static Duration auto(Duration range) {
        long seconds = (range.toMillis() + AUTO_POINTS * 1000L - 1) / (AUTO_POINTS * 1000L);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    /** Points per series over the whole range. */
    public long points() {
        return (end.toEpochMilli() - start.toEpochMilli()) / step.toMillis() + 1;
    }
}
