package dev.plateau.collector;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Allocation figures of all log-event encoders of one collector (one encoder per event loop).
 * Encoders report each allocation; {@link #retainedBytes()} sums what every encoder holds right now.
 */
public final class EncoderStats {
    private final LongAdder allocations = new LongAdder();
    private final LongAdder allocatedBytes = new LongAdder();
    private final LongAdder destroys = new LongAdder();
    private final CopyOnWriteArrayList<LongSupplier> retained = new CopyOnWriteArrayList<>();

    /** An encoder registers a supplier of the bytes it currently retains (read from any thread). */
    public void register(LongSupplier retainedBytes) {
        retained.add(retainedBytes);
    }

    public void unregister(LongSupplier retainedBytes) {
        retained.remove(retainedBytes);
    }

    /** Called by an encoder each time it allocates (initial buffer or growth). */
    public void allocated(long bytes) {
        allocations.increment();
        allocatedBytes.add(bytes);
    }

    /** Called by an encoder each time it is destroyed (reinit policy). */
    public void destroyed() {
        destroys.increment();
    }

    public long allocationsTotal() {
        return allocations.sum();
    }

    public long allocatedBytesTotal() {
        return allocatedBytes.sum();
    }

    public long destroysTotal() {
        return destroys.sum();
    }

    public long retainedBytes() {
        long sum = 0;
        for (LongSupplier s : retained) {
            sum += s.getAsLong();
        }
        return sum;
    }
}
