package dev.plateau.load.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Samples a resident set size every {@value #PERIOD_MS} ms on a daemon thread while open and keeps the peak; the
 * peak of a load is what the process needed at its worst, which a reading before and after would miss.
 *
 * <pre>{@code
 * try (RssWatch watch = new RssWatch(server::rssBytes)) {
 *     wrk.run(...);
 *     long peak = watch.peak();
 * }
 * }</pre>
 */
public final class RssWatch implements AutoCloseable {
    static final int PERIOD_MS = 50;

    private final LongSupplier rss;
    private final Thread thread;
    private volatile long peak;
    private volatile boolean open = true;

    public RssWatch(LongSupplier rss) {
        this.rss = rss;
        this.peak = rss.getAsLong();
        this.thread = new Thread(this::sample, "plateau-rss-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (open) {
            long now = rss.getAsLong();
            if (now > peak) {
                peak = now;
            }
            LockSupport.parkNanos(PERIOD_MS * 1_000_000L);
        }
    }

    /** The highest reading so far, including one taken now. */
    public long peak() {
        long now = rss.getAsLong();
        return Math.max(peak, now);
    }

    @Override
    public void close() {
        open = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
