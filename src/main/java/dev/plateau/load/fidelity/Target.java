package dev.plateau.load.fidelity;

import dev.plateau.collector.CollectorOptions;
import dev.plateau.load.bench.ServerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process the fidelity bench measures: a real Fluent Bit binary or the clone as its own {@code plateau collect}
 * JVM, so that the RSS read from {@code /proc/PID/status} is the target's alone. Started on a free loopback port;
 * ready when the port accepts a connection; {@link #close()} kills it (SIGTERM, then SIGKILL after 5 s).
 *
 * <pre>{@code
 * try (Target fb = Target.fluentBit(Path.of("fluent-bit"), true)) { long rss = fb.rssBytes(); }
 * }</pre>
 */
final class Target implements AutoCloseable {
    /** What {@code MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072} set for a real Fluent Bit. */
    static final Map<String, String> TRIM_ENV = Map.of("MALLOC_MMAP_THRESHOLD_", "131072",
            "MALLOC_TRIM_THRESHOLD_", "131072");

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private Target(String name, List<String> command, Map<String, String> env, int port) throws IOException {
        this.name = name;
        this.port = port;
        this.log = Files.createTempFile("plateau-fidelity-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        this.process = pb.start();
        awaitReady();
    }

    /** A real Fluent Bit's {@code in_http} with a null output; with {@code envTrim} the two malloc variables set. */
    static Target fluentBit(Path binary, boolean envTrim) throws IOException {
        int port = ServerProcess.freePort();
        return new Target("fluent-bit" + (envTrim ? " +env" : ""), List.of(binary.toString(), "-i", "http", "-p",
                "listen=127.0.0.1", "-p", "port=" + port, "-o", "null", "-m", "*"), envTrim ? TRIM_ENV : Map.of(), port);
    }

    /** The clone as {@code plateau collect} in its own JVM (this JVM's java and class path), default profile. */
    static Target clone(List<String> jvmOptions, boolean trim, List<String> extra) throws IOException {
        int port = ServerProcess.freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.plateau.cli.Main", "collect",
                CollectorOptions.PORT.flag(), Integer.toString(port), CollectorOptions.MONITOR_PORT.flag(), "0",
                CollectorOptions.TRIM.flag(), trim ? "on" : "off"));
        cmd.addAll(extra);
        return new Target("clone" + (trim ? " +trim" : ""), cmd, Map.of(), port);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** Resident set size from {@code /proc/PID/status} ({@code VmRSS}); 0 once the process is gone. */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " before listening; log: " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleepQuietly(100); // polling a port that is not open yet: no event to wait on
            }
        }
        close();
        throw new IOException(name + " did not listen on port " + port + " within 30 s; log: " + log);
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
