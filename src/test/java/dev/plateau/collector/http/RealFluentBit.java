package dev.plateau.collector.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import java.time.Duration;

/**
 * A real Fluent Bit for differential tests: the binary named by {@code $FLUENT_BIT}, else {@code fluent-bit} on the
 * PATH, else {@code ../shared/bin/fluent-bit-5.1.1} beside the project; started with {@code in_http} on a free
 * loopback port and a null output, stopped by {@link #close()}.
 */
final class RealFluentBit implements AutoCloseable {
    /** How to enable the tests that need it, for the skip message. */
    static final String HOW = "no Fluent Bit binary: set FLUENT_BIT=/path/to/fluent-bit (5.1.x), put fluent-bit on the"
            + " PATH, or place it at ../shared/bin/fluent-bit-5.1.1";

    private final Process process;
    final InetSocketAddress address;

    private RealFluentBit(Path binary, List<String> properties) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "-i", "http", "-p", "listen=127.0.0.1", "-p",
                "port=" + port));
        for (String p : properties) {
            cmd.add("-p");
            cmd.add(p);
        }
        cmd.addAll(List.of("-o", "null", "-m", "*"));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        address = new InetSocketAddress("127.0.0.1", port);
        Awaitility.await("fluent-bit listening").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(this::accepts);
    }

    /** Starts the binary found, with extra {@code in_http} properties ({@code buffer_max_size=100K}). */
    static Optional<RealFluentBit> start(String... properties) throws IOException {
        Optional<Path> bin = binary();
        return bin.isEmpty() ? Optional.empty() : Optional.of(new RealFluentBit(bin.get(), List.of(properties)));
    }

    static Optional<Path> binary() {
        String env = System.getenv("FLUENT_BIT");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "fluent-bit");
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        Path shared = Path.of("..", "shared", "bin", "fluent-bit-5.1.1");
        return Files.isExecutable(shared) ? Optional.of(shared) : Optional.empty();
    }

    private boolean accepts() {
        if (!process.isAlive()) {
            throw new IllegalStateException("fluent-bit exited with " + process.exitValue());
        }
        try (Socket s = new Socket()) {
            s.connect(address, 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
