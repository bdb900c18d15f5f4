package dev.plateau.collector;

import dev.plateau.collector.output.Output;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands queued chunks to the {@link Output} every {@code flush} interval, on one daemon thread named
 * {@code plateau-flusher} (Fluent Bit's {@code Flush}). Every round drains the {@link ChunkQueue} and writes each
 * chunk; a chunk whose write throws ({@link java.io.IOException}, or any exception or linkage error of a broken
 * output) is kept and retried with exponential backoff
 * ({@code flush × 2^(attempt-1)}, capped) until {@code retryLimit} retries failed, then it is dropped: counted in
 * {@link IngestCounters#recordsDropped}, an {@code ERROR} event names the output, tag, records and reason.
 * The flusher owns every drained chunk and releases its buffer exactly once, after success or after giving up.
 *
 * <p>All work runs on the flusher thread, so no locks: {@link #flushNow()} and {@link #stopAndDrain(Duration)}
 * submit their work to it and wait.
 *
 * <pre>{@code
 * Flusher flusher = new Flusher(queue, output, counters, Duration.ofSeconds(1), events);
 * flusher.start();
 * ...
 * flusher.stopAndDrain(Duration.ofSeconds(10));   // records in == out + dropped afterwards
 * }</pre>
 */
public final class Flusher {
    public static final int DEFAULT_RETRY_LIMIT = 5;
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DRAIN_TIME = Duration.ofSeconds(10);

    private final ChunkQueue queue;
    private final Output output;
    private final IngestCounters counters;
    private final Duration flush;
    private final EventLog events;
    private final int retryLimit;
    private final Duration maxBackoff;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Pending> retries = new ArrayList<>();
    private ScheduledFuture<?> timer;
    private boolean failing;
    private volatile int pending;
    private volatile Runnable afterFlush = () -> { };

    /** A chunk waiting for another attempt. */
    private record Pending(Chunk chunk, int failures, long dueNanos) {
    }

    public Flusher(ChunkQueue queue, Output output, IngestCounters counters, Duration flush, EventLog events) {
        this(queue, output, counters, flush, events, DEFAULT_RETRY_LIMIT, DEFAULT_MAX_BACKOFF);
    }

    /**
     * @param retryLimit retries after the first failed attempt before a chunk is dropped (0 = drop at once)
     * @param maxBackoff cap of the exponential backoff between attempts
     */
    public Flusher(ChunkQueue queue, Output output, IngestCounters counters, Duration flush, EventLog events,
            int retryLimit, Duration maxBackoff) {
        if (flush == null || flush.isZero() || flush.isNegative()) {
            throw new IllegalArgumentException("flush: must be > 0, was " + flush);
        }
        if (retryLimit < 0) {
            throw new IllegalArgumentException("retry_limit: must be >= 0, was " + retryLimit);
        }
        this.queue = queue;
        this.output = output;
        this.counters = counters;
        this.flush = flush;
        this.events = events;
        this.retryLimit = retryLimit;
        this.maxBackoff = maxBackoff;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plateau-flusher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the periodic flush. */
    public synchronized void start() {
        if (timer == null && !stopped.get()) {
            long nanos = flush.toNanos();
            timer = executor.scheduleWithFixedDelay(this::roundSafely, nanos, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Runs one round now on the flusher thread and waits for it (retries not yet due stay waiting). */
    public void flushNow() {
        if (stopped.get()) {
            return;
        }
        await(executor.submit(() -> round()), Duration.ofMinutes(5));
    }

    /** {@link #stopAndDrain(Duration)} within {@link #DEFAULT_DRAIN_TIME}. */
    public void stopAndDrain() {
        stopAndDrain(DEFAULT_DRAIN_TIME);
    }

    /**
     * Stops the timer and writes everything left, retrying failed chunks (backoff included) until {@code within}
     * has passed; what still fails then is dropped. Closes nothing. Idempotent: later calls return at once.
     */
    public void stopAndDrain(Duration within) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (timer != null) {
                timer.cancel(false);
            }
        }
        long deadline = System.nanoTime() + within.toNanos();
        try {
            await(executor.submit(() -> drainUntil(deadline)), within.plus(Duration.ofMinutes(1)));
        } finally {
            executor.shutdown();
        }
    }

    /** Chunks waiting for a retry (any thread; never blocks). */
    public int pendingRetries() {
        return pending;
    }

    private void roundSafely() {
        try {
            round();
        } catch (RuntimeException e) {
            events.emit(EventKind.ERROR, "flusher: " + e);
        }
    }

    private void drainUntil(long deadline) {
        while (true) {
            round();
            if (retries.isEmpty() && queue.size() == 0) {
                return;
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                break;
            }
            long nextDue = retries.stream().mapToLong(Pending::dueNanos).min().orElse(now);
            long wait = Math.min(nextDue - now, deadline - now);
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        for (Pending p : retries) {
            drop(p.chunk(), p.failures(), "not written before the stop deadline");
        }
        retries.clear();
        pending = 0;
        long left = queue.releaseAll();
        if (left > 0) {
            counters.recordsDropped(left);
            events.emit(EventKind.ERROR, "output " + output.name() + ": dropped " + left
                    + " records still queued at the stop deadline");
        }
    }

    /** One round: due retries first (oldest first), then everything newly queued. */
    private void round() {
        long now = System.nanoTime();
        List<Pending> due = new ArrayList<>();
        for (Iterator<Pending> it = retries.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.dueNanos() - now <= 0) {
                due.add(p);
                it.remove();
            }
        }
        for (Pending p : due) {
            attempt(p.chunk(), p.failures());
        }
        List<Chunk> drained = queue.drain();
        for (Chunk c : drained) {
            attempt(c, 0);
        }
        pending = retries.size();
        if (!due.isEmpty() || !drained.isEmpty()) {
            afterFlush.run();
        }
    }

    /**
     * Runs {@code hook} on the flusher thread after every round that handed chunks to the output (and freed them):
     * where the Trim policy calls {@code malloc_trim(0)}. Set before {@link #start()}.
     */
    public void afterFlush(Runnable hook) {
        afterFlush = hook;
    }

    private void attempt(Chunk chunk, int failures) {
        try {
            output.write(chunk.tag(), chunk.data().duplicate(), chunk.records());
        } catch (Exception | LinkageError | AssertionError e) {
            int failed = failures + 1;
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!failing) {
                failing = true;
                events.emit(EventKind.WARNING, "output " + output.name() + " failed, retrying: " + reason);
            }
            if (failed > retryLimit) {
                drop(chunk, failed, reason);
            } else {
                retries.add(new Pending(chunk, failed, System.nanoTime() + backoffNanos(failed)));
            }
            return;
        }
        if (failing) {
            failing = false;
            events.emit(EventKind.INFO, "output " + output.name() + " recovered");
        }
        counters.recordsOut(chunk.records());
        counters.bytesOut(chunk.bytes());
        finish(chunk);
    }

    private long backoffNanos(int failures) {
        long base = flush.toNanos();
        long factor = 1L << Math.min(failures - 1, 30);
        long nanos = base > Long.MAX_VALUE / factor ? Long.MAX_VALUE : base * factor;
        return Math.min(nanos, maxBackoff.toNanos());
    }

    private void drop(Chunk chunk, int attempts, String reason) {
        counters.recordsDropped(chunk.records());
        events.emit(EventKind.ERROR, "output " + output.name() + ": dropped " + chunk.records() + " records of tag "
                + chunk.tag() + " after " + attempts + " failed attempts: " + reason);
        finish(chunk);
    }

    private void finish(Chunk chunk) {
        queue.done(chunk);
        chunk.data().release();
    }

    private static void await(java.util.concurrent.Future<?> f, Duration timeout) {
        try {
            f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("flusher failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("flusher did not finish in " + timeout, e);
        }
    }
}
