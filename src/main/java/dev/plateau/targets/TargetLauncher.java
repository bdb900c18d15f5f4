package dev.plateau.targets;

import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Starts (or attaches to) the target of a {@link TargetSpec}: picks free loopback ports for {@code {port}} and
 * {@code {metrics_port}} (in the command and both URLs), executes the command with its output captured into the
 * run folder ({@value Target#LOG_FILE}), and waits until the URL accepts connections.
 *
 * <p>Extension points for wrappers: {@link #wrap} rewrites the argument list about to be executed, a
 * {@link TargetProfile} ({@link #profile}) also names the forked process to measure and ends the target at the end
 * of the run ({@link Target#end}), and {@link Target#afterStop} hooks run once the process is gone.
 *
 * <pre>{@code
 * try (Target t = new TargetLauncher(events).launch(spec, runDir)) {   // readiness included
 *     ... bursts at t.url(), ProcessSource(t.pid()), PrometheusSource(t.metrics()) ...
 * }                                                                   // SIGTERM, then SIGKILL
 * }</pre>
 */
public final class TargetLauncher {
    private final EventLog events;
    private UnaryOperator<List<String>> wrap = UnaryOperator.identity();
    private TargetProfile profile;

    public TargetLauncher(EventLog events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Rewrites the command to exec (templates already resolved), e.g. to run it under a profiler. */
    public TargetLauncher wrap(UnaryOperator<List<String>> wrapper) {
        this.wrap = Objects.requireNonNull(wrapper, "wrapper");
        return this;
    }

    /** Runs launched targets under {@code p} (a profiler); {@code null}: none. */
    public TargetLauncher profile(TargetProfile p) {
        this.profile = p;
        return this;
    }

    /** Launches or attaches, then waits for readiness; a {@link TargetFault} names what went wrong. */
    public Target launch(TargetSpec spec, Path runDir) throws TargetFault, InterruptedException {
        String port = "";
        String metricsPort = "";
        try {
            port = Integer.toString(freePort());
            metricsPort = Integer.toString(freePort());
        } catch (IOException e) {
            throw new TargetFault("no free loopback port: " + e.getMessage(), runDir);
        }
        URI url = URI.create(fill(spec.url(), port, metricsPort));
        URI metrics = spec.metrics() == null ? null : URI.create(fill(spec.metrics(), port, metricsPort));
        Target target;
        if (!spec.launches()) {
            ProcessHandle h = ProcessHandle.of(spec.pid()).filter(ProcessHandle::isAlive)
                    .orElseThrow(() -> new TargetFault("target process " + spec.pid() + " does not exist", runDir));
            target = new Target(null, h, null, url, metrics, events);
        } else {
            List<String> command = new ArrayList<>();
            for (String arg : TargetSpec.split(spec.command())) {
                command.add(fill(arg, port, metricsPort));
            }
            command = wrap.apply(command);
            if (profile != null) {
                command = profile.wrap(command, runDir);
            }
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new TargetFault("target command not found or not executable: " + command.get(0), runDir);
            }
            target = new Target(p, measured(p, runDir, spec), List.copyOf(command), url, metrics, events);
            try {
                target.pumpOutput(runDir.resolve(Target.LOG_FILE));
            } catch (IOException e) {
                target.close();
                throw new TargetFault("cannot write " + runDir.resolve(Target.LOG_FILE) + ": " + e.getMessage(), runDir);
            }
            target.profile(profile, runDir);
            events.emit(EventKind.LIFECYCLE, "target started (pid " + target.pid() + "): " + String.join(" ", command));
        }
        try {
            target.awaitReady(spec.readyTimeout());
        } catch (TargetFault f) {
            target.close();
            throw new TargetFault(f.getMessage(), runDir);
        }
        return target;
    }

    private ProcessHandle measured(Process p, Path runDir, TargetSpec spec) throws TargetFault, InterruptedException {
        if (profile == null) {
            return p.toHandle();
        }
        try {
            return profile.measured(p.toHandle(), runDir, spec.readyTimeout());
        } catch (IOException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new TargetFault(e.getMessage(), runDir);
        }
    }

    static String fill(String template, String port, String metricsPort) {
        return template.replace("{port}", port).replace("{metrics_port}", metricsPort);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
