package dev.plateau.load.bench;

import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's memory as the bench reports it: resident set size from {@code /proc/self/status} ({@code VmRSS},
 * what the kernel charges the process) and Netty's direct-memory counter ({@link PlatformDependent#usedDirectMemory()},
 * every direct {@code ByteBuf} of every allocator). {@link #settle()} runs a full GC first so heap garbage does not
 * blur a before/after difference.
 *
 * <pre>{@code
 * MemoryProbe.Reading before = MemoryProbe.settle();
 * ... open 1000 idle connections ...
 * long perConnection = (MemoryProbe.settle().directBytes() - before.directBytes()) / 1000;
 * }</pre>
 */
public final class MemoryProbe {
    private static final Path STATUS = Path.of("/proc/self/status");

    /** One reading; {@code rssBytes} is -1 where {@code /proc} is not available. */
    public record Reading(long rssBytes, long directBytes, long heapUsedBytes, long heapCommittedBytes) {
        /**
         * RSS growth since {@code before} without the change in committed heap: a full GC may give heap back to the
         * OS (or the burst may make it grow), which says nothing about what the connections hold.
         */
        public long rssGrowthOutsideHeap(Reading before) {
            return (rssBytes - before.rssBytes) - (heapCommittedBytes - before.heapCommittedBytes);
        }
    }

    private MemoryProbe() {
    }

    /** Reads now, without a GC. */
    public static Reading read() {
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new Reading(rssBytes(), PlatformDependent.usedDirectMemory(), heap.getUsed(), heap.getCommitted());
    }

    /**
     * Full GCs, then readings every 100 ms until RSS and direct memory hold still (within 1 MB, at most 5 s): direct
     * buffers that only a {@code Cleaner} frees go away after the GC, on another thread, and the allocator may
     * return memory to the OS a little later still.
     */
    public static Reading settle() {
        System.gc();
        System.gc();
        Reading last = read();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            pause();
            System.gc();
            Reading now = read();
            if (Math.abs(now.rssBytes() - last.rssBytes()) < 1_000_000
                    && Math.abs(now.directBytes() - last.directBytes()) < 1_000_000) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while memory settled", e);
        }
    }

    /** {@code VmRSS} of this process in bytes, or -1 if {@code /proc/self/status} cannot be read. */
    public static long rssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
