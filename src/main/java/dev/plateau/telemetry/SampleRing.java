package dev.plateau.telemetry;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Bounded history of {@link Sample}s: hours of history in bounded memory, so the console's own memory plateaus.
 *
 * <p><b>Downsampling.</b> When the ring is full, its older half is thinned: every second sample of the older half
 * is dropped (the oldest sample is always kept), which frees a quarter of the capacity. Repeated, this keeps all
 * of time at a resolution that halves with age: the newest half of the ring is always at full sampling rate,
 * the quarter before it at half, and so on. Values are never averaged (a kept point is a real sample; counters
 * stay exact), but a short peak in old data may be dropped — the recorded {@code samples.csv} keeps every row.
 * Adding is amortised O(1); memory is at most {@code capacity} samples.
 *
 * <p><b>Connections.</b> Only the latest sample keeps its per-connection list; when a newer sample arrives the
 * previous one is replaced by a copy without connections, so 10,000 open connections cost memory once, not
 * once per sample.
 *
 * <pre>{@code
 * SampleRing ring = new SampleRing(SampleRing.DEFAULT_CAPACITY);   // 14,400: one hour at 4 Hz, then thinned
 * ring.add(sample);
 * List<Sample> history = ring.snapshot();                          // oldest first
 * }</pre>
 *
 * Thread-safe: the sampler adds, any thread reads snapshots.
 */
public final class SampleRing {
    /** One hour at the default 250 ms interval before the first thinning. */
    public static final int DEFAULT_CAPACITY = 14_400;

    private final Sample[] samples;
    private int size;
    private long addedTotal;

    public SampleRing(int capacity) {
        if (capacity < 4) {
            throw new IllegalArgumentException("capacity must be >= 4, was " + capacity);
        }
        this.samples = new Sample[capacity];
    }

    public synchronized void add(Sample sample) {
        if (size > 0) {
            Sample previous = samples[size - 1];
            if (!previous.connections().isEmpty()) {
                samples[size - 1] = withoutConnections(previous);
            }
        }
        if (size == samples.length) {
            thinOlderHalf();
        }
        samples[size++] = sample;
        addedTotal++;
    }

    private void thinOlderHalf() {
        int half = size / 2;
        int write = 0;
        for (int read = 0; read < half; read += 2) {
            samples[write++] = samples[read];
        }
        for (int read = half; read < size; read++) {
            samples[write++] = samples[read];
        }
        Arrays.fill(samples, write, size, null);
        size = write;
    }

    /** All retained samples, oldest first (an immutable copy). */
    public synchronized List<Sample> snapshot() {
        return Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(samples, size)));
    }

    /** The newest {@code n} samples (fewer when the ring holds fewer), oldest first (an immutable copy). */
    public synchronized List<Sample> recent(int n) {
        int from = Math.max(0, size - Math.max(0, n));
        return Collections.unmodifiableList(Arrays.asList(Arrays.copyOfRange(samples, from, size)));
    }

    /** The newest sample (with its connections), or {@code null} when empty. */
    public synchronized Sample latest() {
        return size == 0 ? null : samples[size - 1];
    }

    public synchronized int size() {
        return size;
    }

    public int capacity() {
        return samples.length;
    }

    /** Samples ever added, including those thinned away. */
    public synchronized long addedTotal() {
        return addedTotal;
    }

    public synchronized void clear() {
        Arrays.fill(samples, 0, size, null);
        size = 0;
    }

    /** A copy of {@code s} without its per-connection list. */
    public static Sample withoutConnections(Sample s) {
        return s.with(s.epochMillis(), s.elapsedS(), List.of());
    }
}
