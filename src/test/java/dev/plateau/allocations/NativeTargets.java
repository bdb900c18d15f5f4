package dev.plateau.allocations;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real native targets for the allocation tests: heaptrack itself, the C fixture compiled with gcc, and a Fluent Bit
 * binary ({@code $FLUENT_BIT}, {@code fluent-bit} on PATH, or {@code ../shared/bin/fluent-bit-5.1.1} next to the
 * project). Each is skipped with a message saying how to enable it when missing.
 */
final class NativeTargets {
    private NativeTargets() {
    }

    static HeaptrackProfile heaptrack() {
        try {
            return HeaptrackProfile.locate();
        } catch (HeaptrackMissingException e) {
            org.junit.jupiter.api.Assumptions.abort(e.getMessage() + " (.ci/run installs it)");
            throw new AssertionError(e);
        }
    }

    /** keeper.c compiled with {@code gcc -O0} and {@code flags} ({@code -g}; {@code -s} strips it) into {@code dir}. */
    static Path keeper(Path dir, String flags) throws IOException, InterruptedException {
        assumeTrue(HeaptrackProfile.onPath("gcc", System.getenv("PATH")).isPresent(),
                "gcc is not installed: apt-get install gcc (.ci/run installs it)");
        Path src = dir.resolve("keeper.c");
        try (var in = NativeTargets.class.getResourceAsStream("/allocations/keeper.c")) {
            Files.copy(in, src);
        }
        Path exe = dir.resolve("keeper");
        Process gcc = new ProcessBuilder("gcc", flags, "-O0", "-o", exe.toString(), src.toString())
                .redirectErrorStream(true).start();
        String out = new String(gcc.getInputStream().readAllBytes());
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new IOException("gcc failed: " + out);
        }
        return exe;
    }

    /** The stock Fluent Bit 5.1.1 binary, or the test is skipped. */
    static Path fluentBit() {
        Optional<Path> fb = Optional.ofNullable(System.getenv("FLUENT_BIT")).map(Path::of).filter(Files::isExecutable)
                .or(() -> HeaptrackProfile.onPath("fluent-bit", System.getenv("PATH")))
                .or(() -> Optional.of(Path.of("..", "shared", "bin", "fluent-bit-5.1.1").toAbsolutePath().normalize())
                        .filter(Files::isExecutable));
        assumeTrue(fb.isPresent(), "no Fluent Bit binary: set FLUENT_BIT=/path/to/fluent-bit, put fluent-bit on PATH, "
                + "or place fluent-bit-5.1.1 in ../shared/bin");
        return fb.get();
    }

    /** The shrink-patched build next to the stock one ({@code NAME-shrink}), or the test is skipped. */
    static Path fluentBitShrink() {
        Path stock = fluentBit();
        Path shrink = Optional.ofNullable(System.getenv("FLUENT_BIT_SHRINK")).map(Path::of)
                .orElse(stock.resolveSibling(stock.getFileName() + "-shrink"));
        assumeTrue(Files.isExecutable(shrink), "no shrink-patched Fluent Bit: set FLUENT_BIT_SHRINK or place "
                + stock.getFileName() + "-shrink next to " + stock);
        return shrink;
    }

    /** Fluent Bit's http input on 127.0.0.1:{port} with the null output. */
    static List<String> fluentBitCommand(Path binary) {
        return List.of(binary.toString(), "-i", "http", "-p", "listen=127.0.0.1", "-p", "port={port}",
                "-p", "buffer_max_size=8M", "-o", "null", "-m", "*");
    }
}
