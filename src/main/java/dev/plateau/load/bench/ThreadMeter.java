package dev.plateau.load.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Heap bytes allocated and CPU time used by a set of threads between two points, from HotSpot's per-thread
 * counters ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}, {@code getThreadCpuTime}). The bench
 * counts every thread except the load generator's and the calling one, so the figures are what the server side
 * (event loops, flusher, output) spent. CPU time per request does not depend on how busy the machine is, unlike
 * requests per second. Threads started after {@link #start} count from zero; threads that ended in between are
 * lost (none do in a bench).
 *
 * <pre>{@code
 * ThreadMeter meter = ThreadMeter.start(name -> !name.startsWith("plateau-burst"));
 * ... 10 000 requests ...
 * double bytesPerRequest = meter.allocatedBytes() / 10_000.0;
 * double cpuMicrosPerRequest = meter.cpuNanos() / 1e3 / 10_000;
 * }</pre>
 */
public final class ThreadMeter {
    private final com.sun.management.ThreadMXBean threads;
    private final Predicate<String> threadName;
    private final Map<Long, long[]> start;

    private ThreadMeter(com.sun.management.ThreadMXBean threads, Predicate<String> threadName) {
        this.threads = threads;
        this.threadName = threadName;
        this.start = snapshot();
    }

    /** True when this JVM counts allocated bytes and CPU time per thread (HotSpot, counters enabled). */
    public static boolean supported() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()
                && t.isThreadCpuTimeSupported() && t.isThreadCpuTimeEnabled();
    }

    /** Starts counting for the threads whose name {@code threadName} accepts. */
    public static ThreadMeter start(Predicate<String> threadName) {
        if (!supported()) {
            throw new IllegalStateException("this JVM does not count allocated bytes and CPU time per thread");
        }
        return new ThreadMeter((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean(), threadName);
    }

    /** Heap bytes allocated by the counted threads since {@link #start}. */
    public long allocatedBytes() {
        return delta(0);
    }

    /** CPU time (user + system) of the counted threads since {@link #start}, in nanoseconds. */
    public long cpuNanos() {
        return delta(1);
    }

    private long delta(int field) {
        long sum = 0;
        for (Map.Entry<Long, long[]> now : snapshot().entrySet()) {
            long[] before = start.get(now.getKey());
            sum += now.getValue()[field] - (before == null ? 0 : before[field]);
        }
        return sum;
    }

    private Map<Long, long[]> snapshot() {
        long self = Thread.currentThread().getId();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids, 0);
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        long[] cpu = threads.getThreadCpuTime(ids);
        Map<Long, long[]> values = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && ids[i] != self && allocated[i] >= 0 && cpu[i] >= 0
                    && threadName.test(infos[i].getThreadName())) {
                values.put(ids[i], new long[] {allocated[i], cpu[i]});
            }
        }
        return values;
    }
}
