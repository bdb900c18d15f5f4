package dev.plateau.load.bench;

import dev.plateau.telemetry.ProcessMemoryProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A server under test in its own process: started from a command line, ready when its port accepts a TCP
 * connection (the time until then is its launch time), measured by its resident set size, and stopped with
 * SIGTERM (then SIGKILL after 10 s) on {@link #close()}. Output goes to a log file, so a full pipe never blocks it.
 *
 * <pre>{@code
 * int port = ServerProcess.freePort();
 * try (ServerProcess fb = ServerProcess.start("fluent-bit", List.of(bin, "-i", "http", "-p", "port=" + port, ...),
 *         port, log)) {
 *     long rss = fb.rssBytes();
 * }
 * }</pre>
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final ProcessMemoryProbe probe;
    private final int port;
    private final double launchMillis;

    private ServerProcess(String name, Process process, int port, double launchMillis) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.launchMillis = launchMillis;
        this.probe = ProcessMemoryProbe.of(process.pid());
    }

    /** Starts {@code command} and waits until {@code port} on 127.0.0.1 accepts; throws if it exits or times out. */
    public static ServerProcess start(String name, List<String> command, int port, Path log) {
        long t0 = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
        long deadline = t0 + READY_TIMEOUT.toNanos();
        while (!accepts(port)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException(name + " did not listen on port " + port + " (see " + log + ")");
            }
            LockSupport.parkNanos(5_000_000);
        }
        return new ServerProcess(name, p, port, (System.nanoTime() - t0) / 1e6);
    }

    /** A port the OS reports free on 127.0.0.1 (another process could take it before the server binds it). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Milliseconds from starting the process until its port accepted a connection. */
    public double launchMillis() {
        return launchMillis;
    }

    /** Resident set size now, in bytes (-1 once the process is gone). */
    public long rssBytes() {
        return probe.rssBytes();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
