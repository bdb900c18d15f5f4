package dev.plateau.cli;

import dev.plateau.runs.Scenario;
import dev.plateau.runs.Work;
import dev.plateau.targets.TargetSpec;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The target flags {@code soak} and {@code experiment} share (a picocli mixin): what to judge instead of the
 * embedded collector, and the unit of work of the verdict.
 */
final class TargetOptions {
    @Option(names = "--target-command", paramLabel = "CMD",
            description = "Launch this command and judge it ({port}/{metrics_port} become free ports, here and in the URLs).")
    String command;

    @Option(names = "--target-pid", paramLabel = "PID", description = "Attach to this running process and judge it.")
    long pid;

    @Option(names = "--target-url", paramLabel = "URL", description = "Where bursts go, e.g. http://127.0.0.1:{port}/.")
    String url;

    @Option(names = "--target-metrics", paramLabel = "URL",
            description = "Prometheus text endpoint to scrape each interval, e.g. http://127.0.0.1:{metrics_port}/api/v2/metrics/prometheus.")
    String metrics;

    @Option(names = "--ready-timeout", paramLabel = "S", defaultValue = "10",
            description = "Seconds to wait until the target URL accepts connections (default: ${DEFAULT-VALUE}).")
    double readyTimeoutS;

    @Option(names = "--profile", paramLabel = "heaptrack",
            description = "Run the launched target under a profiler: heaptrack (allocation sites still held at the end of the run, "
                    + "with the connections open; printed after the verdict, stored in the run folder).")
    String profile;

    @Mixin
    WorkOptions work = new WorkOptions();

    /** The target of the flags, {@code null} when neither a command nor a PID is given. */
    TargetSpec spec() {
        return spec(command);
    }

    /** The target with another command (an experiment's variant). */
    TargetSpec spec(String cmd) {
        if ((cmd == null || cmd.isBlank()) && pid <= 0) {
            if (url != null || metrics != null) {
                throw new IllegalArgumentException("--target-url/--target-metrics need --target-command or --target-pid");
            }
            return null;
        }
        if (!(readyTimeoutS > 0)) {
            throw new IllegalArgumentException("--ready-timeout: must be > 0 seconds, was " + readyTimeoutS);
        }
        return new TargetSpec(cmd, pid, url, metrics, Duration.ofMillis((long) (readyTimeoutS * 1000)), profile);
    }

    /** The flags' target, else the scenario's ({@code --profile} applied), or {@code null} for the embedded collector. */
    TargetSpec spec(Scenario scenario) {
        TargetSpec s = spec();
        if (s == null && scenario.target() != null) {
            s = scenario.target().withProfile(profile);
        }
        if (s == null && profile != null) {
            throw new IllegalArgumentException("--profile: needs a target command (--target-command, or a scenario's target)");
        }
        return s;
    }

    Work work() {
        return work.work();
    }
}
