package dev.plateau.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The tests' non-JVM HTTP target: {@code src/test/resources/targets/sink.py} (Python's standard library; it keeps or
 * drops what it receives and serves Prometheus text), and the interpreter to run it under heaptrack.
 */
public final class PythonSink {
    private PythonSink() {
    }

    /** The script's path. */
    public static String script() throws Exception {
        return Path.of(PythonSink.class.getResource("/targets/sink.py").toURI()).toString();
    }

    /**
     * The python3 executable itself ({@code sys.executable}), not a shim script on the PATH: heaptrack follows the
     * process it starts, so a pyenv shim that execs the interpreter would run it untracked.
     */
    public static String interpreter() throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
        String exe = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || exe.isEmpty()) {
            throw new IllegalStateException("python3 did not say where it is");
        }
        return exe;
    }
}
