package dev.plateau.cli;

import dev.plateau.load.fidelity.FidelityBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plateau fidelity}: the churn and idle-retention loads against a real Fluent Bit and the clone (its own
 * {@code plateau collect} JVM), side by side ({@link FidelityBench}). Exit 2 on a bad flag or a binary that is not
 * there, 1 if a target cannot start.
 *
 * <pre>{@code
 * plateau fidelity --fluent-bit ../shared/bin/fluent-bit-5.1.1              # Trim off vs no env, Trim on vs env
 * plateau fidelity --fluent-bit fluent-bit --pairs trim                      # only Trim on vs the env variables
 * plateau fidelity --fluent-bit fluent-bit --pairs plain --curves curves/     # plus each churn run's RSS curve
 * }</pre>
 */
@Command(name = "fidelity", mixinStandardHelpOptions = true,
        description = "Play the churn and idle-retention loads against a Fluent Bit binary and the clone; print both.")
public final class FidelityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--fluent-bit", required = true, paramLabel = "BINARY", description = "The Fluent Bit binary to compare with.")
    Path fluentBit;

    @Option(names = "--pairs", split = ",", paramLabel = "plain,trim", defaultValue = "plain,trim",
            description = "plain: Trim off vs no environment variables; trim: Trim on vs MALLOC_MMAP_THRESHOLD_=131072"
                    + " MALLOC_TRIM_THRESHOLD_=131072 (default: ${DEFAULT-VALUE}).")
    List<String> pairs;

    @Option(names = "--requests", defaultValue = "300", description = "Churn requests (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--delay-ms", defaultValue = "400", description = "Pause between requests on each connection (default: ${DEFAULT-VALUE}).")
    long delayMs;

    @Option(names = "--clone-arg", paramLabel = "ARG", description = "Extra argument for the clone's collect (repeatable), e.g. --clone-arg=--profile --clone-arg=fluent-bit-4.")
    List<String> cloneArgs = List.of();

    @Option(names = "--rounds", defaultValue = "3",
            description = "Play every load this many times on fresh processes; the table shows medians (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--curves", paramLabel = "DIR",
            description = "Also write each churn run's RSS curve to DIR as CSV (elapsed_ms,answered,rss_bytes).")
    Path curves;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isExecutable(fluentBit)) {
            err.println("plateau fidelity: --fluent-bit: " + fluentBit + " is not an executable file");
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        if (rounds < 1 || rounds > 20) {
            err.println("plateau fidelity: --rounds: 1 to 20, was " + rounds);
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        for (String p : pairs) {
            if (!p.equals("plain") && !p.equals("trim")) {
                err.println("plateau fidelity: --pairs: plain and/or trim, was '" + p + "'");
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
        }
        FidelityBench.Spec d = FidelityBench.Spec.defaults(fluentBit);
        FidelityBench.Spec s = new FidelityBench.Spec(fluentBit, pairs.contains("plain"), pairs.contains("trim"),
                d.cloneJvm(), cloneArgs, requests, d.lines(), delayMs, d.connections(), d.reconnectEvery(), d.settle(),
                d.idleConnections(), d.idleWait(), rounds, curves);
        out.println("plateau fidelity: " + fluentBit + " vs the clone (plateau collect, default profile), fresh processes");
        out.flush();
        try {
            List<FidelityBench.Row> rows = new FidelityBench(s, out).run();
            out.println();
            out.println(rounds > 1 ? "medians of " + rounds + " rounds:" : "one round:");
            out.print(FidelityBench.format(FidelityBench.medians(rows)));
            out.flush();
            return 0;
        } catch (IOException | UncheckedIOException e) {
            err.println("plateau fidelity: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
