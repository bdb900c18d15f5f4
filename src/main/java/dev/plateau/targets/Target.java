package dev.plateau.targets;

import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A target process a run judges: one Plateau launched ({@link TargetLauncher#launch}) or one it attached to by PID.
 * Knows its PID, its URLs (templates resolved), whether it is still alive ({@link #fault()} names how it died), and
 * stops it at the end: SIGTERM, then SIGKILL after {@link #STOP_GRACE}. A launched target's stdout and stderr go,
 * line by line, to {@code target.log} in the run folder and to the event log ({@code INFO}).
 * {@link #afterStop} hooks run once the process is gone (e.g. to read a profile it wrote).
 */
public final class Target implements AutoCloseable {
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);
    public static final String LOG_FILE = "target.log";

    private final Process process;
    private final ProcessHandle handle;
    private final URI url;
    private final URI metrics;
    private final List<String> command;
    private final EventLog events;
    private final List<Consumer<Target>> afterStop = new ArrayList<>();
    private final StringBuilder lastLines = new StringBuilder();
    private volatile boolean stopping;
    private volatile String fault;
    private Thread pump;
    private TargetProfile profile;
    private Path runDir;
    private final Thread killOnExit;

    Target(Process process, ProcessHandle handle, List<String> command, URI url, URI metrics, EventLog events) {
        this.process = process;
        this.handle = handle;
        this.command = command;
        this.url = url;
        this.metrics = metrics;
        this.events = events;
        // a JVM that exits (Ctrl-C, SIGTERM) before close() must not leave a launched target running
        this.killOnExit = process == null ? null : new Thread(() -> {
            handle.destroyForcibly();
            process.destroyForcibly();
        }, "plateau-target-kill");
        if (killOnExit != null) {
            Runtime.getRuntime().addShutdownHook(killOnExit);
        }
        handle.onExit().thenRun(() -> {
            if (!stopping) {
                fault = process != null
                        ? "target " + name() + " exited with code " + exitCode() + lastLine()
                        : "target process " + pid() + " is gone";
            }
        });
    }

    /** Copies the process' output to {@code log} and the events, on a daemon thread. */
    void pumpOutput(Path log) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 out) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    synchronized (lastLines) {
                        lastLines.setLength(0);
                        lastLines.append(line.length() > 200 ? line.substring(0, 200) + "…" : line);
                    }
                    events.emit(EventKind.INFO, "target: " + line);
                }
            } catch (IOException e) {
                // the process closed its output: nothing more to copy
            }
        }, "plateau-target-output");
        pump.setDaemon(true);
        pump.start();
    }

    private String exitCode() {
        try {
            return Integer.toString(process.waitFor(1, TimeUnit.SECONDS) ? process.exitValue() : -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private String lastLine() {
        if (pump != null) {
            try {
                pump.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lastLines) {
            return lastLines.length() == 0 ? "" : " (last output: " + lastLines + ")";
        }
    }

    /** Waits until the URL's host:port accepts a TCP connection; a {@link TargetFault} if it dies or times out. */
    public void awaitReady(Duration timeout) throws TargetFault, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InetSocketAddress address = new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 80 : url.getPort());
        while (true) {
            if (!handle.isAlive()) {
                throw new TargetFault(launched()
                        ? "target " + name() + " exited with code " + exitCode() + " before it listened on "
                                + address.getPort() + lastLine()
                        : "target process " + pid() + " is gone", null);
            }
            try (Socket s = new Socket()) {
                s.connect(address, 200);
                events.emit(EventKind.LIFECYCLE, "target " + name() + " (pid " + pid() + ") listens on " + url);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new TargetFault("target " + name() + " never listened on " + address.getHostString() + ":"
                            + address.getPort() + " within " + timeout.toMillis() + " ms", null);
                }
            }
            try {
                handle.onExit().get(50, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // still running: try again
            }
        }
    }

    public long pid() {
        return handle.pid();
    }

    public URI url() {
        return url;
    }

    /** The Prometheus endpoint, or {@code null}. */
    public URI metrics() {
        return metrics;
    }

    /** The command as executed (templates resolved), or {@code null} for an attached PID. */
    public List<String> command() {
        return command;
    }

    public boolean launched() {
        return process != null;
    }

    /** How the target died while it was judged ({@code exited with code 139}, {@code is gone}), or {@code null}. */
    public String fault() {
        return fault;
    }

    void profile(TargetProfile p, Path dir) {
        this.profile = p;
        this.runDir = dir;
    }

    /**
     * Ends a profiled target at the end of the run, before the connections close and before {@link #close()}: its
     * profile stops it (heaptrack: SIGKILL once its data is out) and summarises into the run folder. Without a
     * profile, nothing: {@link #close()} stops the target as usual.
     */
    public void end() throws IOException, InterruptedException {
        end(runDir);
    }

    /**
     * {@link #end()}, summarising into {@code into} instead of the folder the target was launched with (the console
     * launches first and records a run later; the profile brings its raw data along).
     */
    public void end(Path into) throws IOException, InterruptedException {
        if (profile != null) {
            stopping = true;
            events.emit(EventKind.LIFECYCLE, "target " + name() + " (pid " + pid() + "): ended by its profile, connections still open");
            profile.end(this, into);
        }
    }

    /** The process Plateau started (heaptrack's script for a profiled target), or {@code null} when attached. */
    public ProcessHandle launchedHandle() {
        return process == null ? null : process.toHandle();
    }

    /** Runs {@code hook} after the launched process is gone (in {@link #close()}), in the order added. */
    public Target afterStop(Consumer<Target> hook) {
        afterStop.add(hook);
        return this;
    }

    private String name() {
        return command == null ? "pid " + pid() : Path.of(command.get(0)).getFileName().toString();
    }

    /** Stops a launched target: SIGTERM, SIGKILL after {@link #STOP_GRACE}; an attached one is left running. */
    @Override
    public void close() {
        stopping = true;
        if (process == null) {
            return;
        }
        if (process.isAlive()) {
            if (handle.pid() != process.pid()) {
                handle.destroy();   // a wrapper's forked target first: the wrapper then exits on its own
                handle.onExit().completeOnTimeout(handle, STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS).join();
            }
            process.destroy();
            try {
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    events.emit(EventKind.WARNING, "target " + name() + " ignored SIGTERM for "
                            + STOP_GRACE.toSeconds() + " s: SIGKILL");
                    process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            events.emit(EventKind.LIFECYCLE, "target " + name() + " (pid " + pid() + ") stopped");
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        afterStop.forEach(h -> h.accept(this));
    }
}
