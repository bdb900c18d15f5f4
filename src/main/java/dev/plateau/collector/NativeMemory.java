package dev.plateau.collector;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Lets freed connection and encoder buffers go back to the operating system, so RSS follows the policies.
 *
 * <p>Plateau's buffers come from malloc (Netty's unpooled allocator). glibc serves large blocks with mmap and
 * unmaps them on free — until the first such free, after which it raises its mmap threshold (up to 32 MB) and
 * keeps later 1 MB buffers in its heap, where freed memory stays resident. Fluent Bit links jemalloc, which hands
 * freed pages back by itself. Setting {@code M_MMAP_THRESHOLD} explicitly (which also turns the dynamic raise off)
 * gives the JVM the same behaviour: a shrunk or closed connection's buffer really leaves the RSS.
 *
 * <p>Applied once per process by {@link Collector#start()}; the threshold is the system property
 * {@value #PROPERTY} (default {@value #DEFAULT_THRESHOLD} bytes; {@code 0} leaves glibc alone). Elsewhere than
 * Linux/glibc it does nothing.
 */
public final class NativeMemory {
    public static final String PROPERTY = "plateau.malloc.mmapThreshold";
    public static final int DEFAULT_THRESHOLD = 131_072;
    private static final int M_MMAP_THRESHOLD = -3;

    private static boolean tried;
    private static boolean applied;

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

    /** glibc's {@code mallopt}. */
    private interface LibC extends Library {
        int mallopt(int param, int value);
    }

    /**
     * Sets the mmap threshold the first time it is called; returns a one-line description when it did so, else
     * {@code null} (already tried, turned off, or not glibc).
     */
    public static synchronized String applyOnce() {
        if (tried) {
            return null;
        }
        tried = true;
        int threshold = Integer.getInteger(PROPERTY, DEFAULT_THRESHOLD);
        if (threshold <= 0 || !Platform.isLinux()) {
            return null;
        }
        try {
            LibC libc = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
            applied = libc.mallopt(M_MMAP_THRESHOLD, threshold) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            applied = false;
        }
        return applied ? "malloc: blocks of " + threshold + " bytes or more are mmapped, so freed buffers return to the OS"
                + " (-D" + PROPERTY + "=0 turns this off)" : null;
    }

    /** Whether the threshold is in force in this process. */
    public static synchronized boolean applied() {
        return applied;
    }
}
