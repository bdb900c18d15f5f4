package dev.plateau.load.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Heap bytes allocated by a set of threads between two points, from HotSpot's per-thread allocation counters
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}). The bench counts every thread except the
 * load generator's and the calling one, so the figure is what the server side (event loops, flusher, output) allocated. Threads
 * started after {@link #start()} count from zero; threads that ended in between are lost (none do in a bench).
 *
 * <pre>{@code
 * AllocationMeter meter = AllocationMeter.start(name -> !name.startsWith("plateau-burst"));
 * ... 10 000 requests ...
 * double perRequest = meter.allocatedBytes() / 10_000.0;
 * }</pre>
 */
public final class AllocationMeter {
    private final com.sun.management.ThreadMXBean threads;
    private final Predicate<String> threadName;
    private final Map<Long, Long> start;

    private AllocationMeter(com.sun.management.ThreadMXBean threads, Predicate<String> threadName) {
        this.threads = threads;
        this.threadName = threadName;
        this.start = snapshot();
    }

    /** True when this JVM can count allocations per thread (HotSpot with the counter enabled). */
    public static boolean supported() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled();
    }

    /** Starts counting for the threads whose name {@code threadName} accepts. */
    public static AllocationMeter start(Predicate<String> threadName) {
        if (!supported()) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread");
        }
        return new AllocationMeter((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean(), threadName);
    }

    /** Bytes allocated by the counted threads since {@link #start}. */
    public long allocatedBytes() {
        long sum = 0;
        for (Map.Entry<Long, Long> now : snapshot().entrySet()) {
            sum += now.getValue() - start.getOrDefault(now.getKey(), 0L);
        }
        return sum;
    }

    private Map<Long, Long> snapshot() {
        long self = Thread.currentThread().getId();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids, 0);
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> bytes = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && ids[i] != self && allocated[i] >= 0 && threadName.test(infos[i].getThreadName())) {
                bytes.put(ids[i], allocated[i]);
            }
        }
        return bytes;
    }
}
