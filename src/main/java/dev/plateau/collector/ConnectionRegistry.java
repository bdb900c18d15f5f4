package dev.plateau.collector;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live connections of one collector. Event loops {@link #open} and {@link #close} their connections;
 * the sampler and the monitor read {@link #snapshot()} and the totals without blocking anybody.
 */
public final class ConnectionRegistry {
    private final Clock clock;
    private final ConcurrentHashMap<Long, ConnectionStats> live = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong closedHighWater = new AtomicLong();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();

    public ConnectionRegistry(Clock clock) {
        this.clock = clock;
    }

    public ConnectionRegistry() {
        this(Clock.systemUTC());
    }

    /** Registers a new connection; call from its event loop at accept. */
    public ConnectionStats open(String remote) {
        ConnectionStats stats = new ConnectionStats(nextId.incrementAndGet(), remote, clock.millis());
        live.put(stats.id(), stats);
        accepted.increment();
        return stats;
    }

    /** Unregisters a closed connection, keeping its high-water mark for {@link #highWaterBytes()}. */
    public void close(ConnectionStats stats) {
        if (live.remove(stats.id()) != null) {
            closedHighWater.accumulateAndGet(stats.highWater(), Math::max);
        }
    }

    /** Counts a connection refused by {@code max_connections}. */
    public void refused() {
        refused.increment();
    }

    public long acceptedTotal() {
        return accepted.sum();
    }

    public long refusedTotal() {
        return refused.sum();
    }

    public int open() {
        return live.size();
    }

    /** Every live connection, ordered by id. */
    public List<ConnectionSnapshot> snapshot() {
        List<ConnectionSnapshot> out = new ArrayList<>(live.size());
        for (ConnectionStats s : live.values()) {
            out.add(s.snapshot());
        }
        out.sort(Comparator.comparingLong(ConnectionSnapshot::id));
        return out;
    }

    /** Live connection stats objects (for the idle sweep). */
    public Iterable<ConnectionStats> liveStats() {
        return live.values();
    }

    /** Sum of the capacities of all live connection buffers. */
    public long totalCapacityBytes() {
        long sum = 0;
        for (ConnectionStats s : live.values()) {
            sum += s.capacity();
        }
        return sum;
    }

    /** Largest capacity among live connections. */
    public long maxCapacityBytes() {
        long max = 0;
        for (ConnectionStats s : live.values()) {
            max = Math.max(max, s.capacity());
        }
        return max;
    }

    /** Largest capacity any connection of this collector ever reached, live or closed. */
    public long highWaterBytes() {
        long max = closedHighWater.get();
        for (ConnectionStats s : live.values()) {
            max = Math.max(max, s.highWater());
        }
        return max;
    }
}
