package dev.plateau.collector;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * The C allocator, as Fluent Bit meets it: {@code malloc}/{@code realloc}/{@code free} for chunk memory
 * ({@link NativeChunk}) and glibc's {@code mallopt}/{@code malloc_trim} for the Trim policy. Through JNA.
 *
 * <p>By default nothing is tuned: glibc raises its mmap threshold after the first large free (up to 32 MiB) and
 * then serves 1–2 MB buffers from its heaps, where freed memory stays resident — what a real Fluent Bit does
 * (DESIGN.md §6: a stock 5.1.1 keeps ~100 MB after a churn load that heaptrack shows fully freed). The Trim policy
 * ({@link #trimThresholds}) sets {@code M_MMAP_THRESHOLD} and {@code M_TRIM_THRESHOLD} to {@value #TRIM_THRESHOLD}
 * bytes — the same as {@code MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072} in a real Fluent Bit's
 * environment (a fixed threshold also stops the dynamic raise) — and the flusher calls {@link #trim()}
 * ({@code malloc_trim(0)}) after each flush. Switching Trim off sets the thresholds to what glibc's dynamic rule
 * reaches at most (32 MiB, 64 MiB): glibc cannot return to its dynamic mode. Elsewhere than Linux/glibc the
 * allocator calls work and Trim does nothing.
 *
 * <pre>{@code
 * long p = NativeMemory.malloc(262_144);
 * p = NativeMemory.realloc(p, 1_048_576);
 * NativeMemory.free(p);
 * NativeMemory.trimThresholds(true);   // Trim on
 * NativeMemory.trim();                 // malloc_trim(0)
 * }</pre>
 */
public final class NativeMemory {
    /** The threshold Trim sets, as the environment variables in the README do for a real Fluent Bit. */
    public static final int TRIM_THRESHOLD = 131_072;
    /** glibc's {@code DEFAULT_MMAP_THRESHOLD_MAX} on 64-bit: where the dynamic mmap threshold stops rising. */
    static final int DYNAMIC_MMAP_MAX = 32 * 1024 * 1024;
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;

    private static final LibC LIBC = load();
    private static boolean thresholdsSet;

    private NativeMemory() {
    }

    /**
     * Lets Netty allocate direct buffers straight with malloc/free, without a JDK {@code Cleaner} per buffer
     * (which also zeroes the memory and books it in {@code java.nio.Bits}): measured here, about 1 µs and a
     * hundred bytes of heap less per chunk. Netty needs {@code io.netty.tryReflectionSetAccessible=true}, set here
     * unless given, and {@code java.nio} opened to it (the jar's manifest, {@code mvn javafx:run} and the tests do
     * that). Call before the first Netty buffer is touched; without the opened package Netty keeps its cleaner-backed
     * buffers, which work the same, only slower.
     */
    public static void preferCleanerFreeDirectBuffers() {
        if (System.getProperty("io.netty.tryReflectionSetAccessible") == null) {
            System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        }
    }

    /** The C library's allocator and glibc's tuning calls. */
    private interface LibC extends Library {
        Pointer realloc(Pointer p, long size);

        int mallopt(int param, int value);

        int malloc_trim(long pad);
    }

    private static LibC load() {
        try {
            return Native.load(Platform.C_LIBRARY_NAME, LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    /** {@code malloc(size)}; throws {@link OutOfMemoryError} if it returns NULL. */
    public static long malloc(long size) {
        long p = Native.malloc(size);
        if (p == 0) {
            throw new OutOfMemoryError("malloc(" + size + ") failed");
        }
        return p;
    }

    /** {@code realloc(address, size)}; the block may move. Throws {@link OutOfMemoryError} (block kept) if NULL. */
    public static long realloc(long address, long size) {
        Pointer moved = LIBC.realloc(new Pointer(address), size);
        if (moved == null) {
            throw new OutOfMemoryError("realloc(" + size + ") failed");
        }
        return Pointer.nativeValue(moved);
    }

    /** {@code free(address)}. */
    public static void free(long address) {
        Native.free(address);
    }

    /** A direct view of {@code length} bytes at {@code address + offset} (no copy, no ownership). */
    static ByteBuffer view(long address, long offset, int length) {
        return new Pointer(address).getByteBuffer(offset, length);
    }

    /**
     * Trim on: {@code M_MMAP_THRESHOLD} and {@code M_TRIM_THRESHOLD} = {@value #TRIM_THRESHOLD}, then one
     * {@code malloc_trim(0)}, so what the allocator already holds free goes back at the switch — as if the thresholds
     * had been set from the start, like the environment variables of a real process (measured: without it, a clone
     * started with Trim on ended a churn load 5 MB <i>below</i> its start, the JVM's own start-up memory coming back at
     * the first flush). Trim off after it
     * was on: 32 MiB / 64 MiB (the dynamic rule's ceiling). Off when it never was on: nothing is touched. Returns
     * whether glibc accepted the values.
     */
    public static synchronized boolean trimThresholds(boolean on) {
        if (!glibc() || !on && !thresholdsSet) {
            return false;
        }
        int mmap = on ? TRIM_THRESHOLD : DYNAMIC_MMAP_MAX;
        int trim = on ? TRIM_THRESHOLD : 2 * DYNAMIC_MMAP_MAX;
        boolean ok = LIBC.mallopt(M_MMAP_THRESHOLD, mmap) == 1 & LIBC.mallopt(M_TRIM_THRESHOLD, trim) == 1;
        thresholdsSet = true;
        if (on) {
            trim();
        }
        return ok;
    }

    /** {@code malloc_trim(0)}: hands free memory at the top of the heaps and free whole pages inside them back. */
    public static boolean trim() {
        return glibc() && LIBC.malloc_trim(0) == 1;
    }

    /** True on Linux with a C library that has {@code mallopt} (glibc). */
    public static boolean glibc() {
        return LIBC != null && Platform.isLinux();
    }
}
