package dev.plateau.series;

import dev.plateau.load.BurstHandle;
import dev.plateau.load.BurstProgress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The load generator as a source: totals over every burst of the run, {@code load_requests_total} (sent),
 * {@code load_answered_total} (any status: the default unit of work of a verdict), {@code load_failed_total}
 * (no answer) and {@code load_bytes_total} (request bytes written). Bursts are added as they start.
 */
public final class LoadSource implements Source {
    public static final Series REQUESTS = Series.counter("load_requests_total", Series.COUNT);
    public static final Series ANSWERED = Series.counter("load_answered_total", Series.COUNT);
    public static final Series FAILED = Series.counter("load_failed_total", Series.COUNT);
    public static final Series BYTES = Series.counter("load_bytes_total", Series.BYTES);

    private final List<BurstHandle> bursts = new CopyOnWriteArrayList<>();

    public void add(BurstHandle burst) {
        bursts.add(burst);
    }

    @Override
    public String id() {
        return "load";
    }

    @Override
    public void read(SeriesRegistry registry, Map<String, Double> out) {
        long sent = 0;
        long answered = 0;
        long failed = 0;
        long bytes = 0;
        for (BurstHandle b : bursts) {
            BurstProgress p = b.progress();
            sent += p.sent();
            answered += p.answered();
            failed += p.failed();
            bytes += b.bytesSent();
        }
        out.put(registry.declare(id(), REQUESTS).column(), (double) sent);
        out.put(registry.declare(id(), ANSWERED).column(), (double) answered);
        out.put(registry.declare(id(), FAILED).column(), (double) failed);
        out.put(registry.declare(id(), BYTES).column(), (double) bytes);
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("source", id());
    }
}
