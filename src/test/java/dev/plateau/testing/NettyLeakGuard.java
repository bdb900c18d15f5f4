package dev.plateau.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the build on any Netty leak report. Registered for every test class through
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension} (autodetection is on in the pom).
 *
 * <p>It installs a {@link ResourceLeakDetectorFactory} whose detectors record every report (traced, untraced,
 * too-many-instances) besides logging it. After each test class it forces a GC, waits until the GC's references
 * were processed, makes the detectors poll their queues by allocating a buffer from each allocator, and fails the
 * class if anything was reported since the last check. Leak detection is paranoid in the surefire argLine.
 */
public final class NettyLeakGuard implements AfterAllCallback {
    private static final List<String> REPORTS = new ArrayList<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    /** Reports recorded since the last call, cleared. */
    public static List<String> takeReports() {
        synchronized (REPORTS) {
            List<String> out = new ArrayList<>(REPORTS);
            REPORTS.clear();
            return out;
        }
    }

    /** Forces collection of unreachable buffers and lets the detectors report them. */
    public static void collectAndPoll() throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
            long deadline = System.nanoTime() + 5_000_000_000L;
            System.gc();
            while (queue.remove(50) == null && System.nanoTime() < deadline) {
                System.gc();
            }
            sentinel.clear();
            for (ByteBufAllocator alloc : new ByteBufAllocator[] {
                ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT}) {
                ByteBuf direct = alloc.directBuffer(1);
                ByteBuf heap = alloc.heapBuffer(1);
                direct.release();
                heap.release();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        collectAndPoll();
        List<String> reports = takeReports();
        if (!reports.isEmpty()) {
            throw new AssertionError("Netty reported " + reports.size() + " leak(s) during or before "
                    + context.getDisplayName() + ":\n" + String.join("\n---\n", reports));
        }
    }

    private static void record(String report) {
        synchronized (REPORTS) {
            REPORTS.add(report);
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            return new ResourceLeakDetector<T>(resource, samplingInterval) {
                @Override
                protected boolean needReport() {
                    return true;
                }

                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    record("LEAK: " + resourceType + records);
                    super.reportTracedLeak(resourceType, records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    record("LEAK: " + resourceType + " (untraced)");
                    super.reportUntracedLeak(resourceType);
                }
            };
        }
    }
}
