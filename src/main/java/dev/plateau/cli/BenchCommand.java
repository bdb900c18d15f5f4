package dev.plateau.cli;

import dev.plateau.load.bench.BenchPlan;
import dev.plateau.load.bench.BenchTable;
import dev.plateau.load.bench.EndToEndBench;
import dev.plateau.load.bench.IdleConnectionMemory;
import dev.plateau.load.bench.WrkRunner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plateau bench}: the collector (null output) against a bare Netty server in the same JVM, driven by the
 * same load, printed side by side with the ratio; optionally wrk's figures beside the built-in generator's, and
 * with {@code --memory} the memory held per idle keep-alive connection (shrink off vs on).
 *
 * <pre>{@code
 * plateau bench                                   # ~1-2 minutes on 2 cores
 * plateau bench --small-requests 200 --large-requests 20 --connections 4 --skip-wrk
 * plateau bench --memory --memory-connections 1000
 * plateau bench --vs-fluent-bit [PATH]            # collect vs a real Fluent Bit, own processes (~2.5 min)
 * }</pre>
 * With {@code --vs-fluent-bit} it runs {@link SideBySideCommand} instead: Plateau's {@code collect} (with the
 * launcher's JVM options) and Fluent Bit side by side in separate processes.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the collector against a bare Netty baseline in the same JVM (and with wrk, if installed).")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--connections", defaultValue = "32", description = "Keep-alive connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--small-requests", defaultValue = "20000",
            description = "Measured small-body (1 record) requests per server in each of 3 alternating rounds "
                    + "(default: ${DEFAULT-VALUE}); warm-up bursts of as many repeat until requests/s settles.")
    int smallRequests;

    @Option(names = "--large-requests", defaultValue = "300",
            description = "Measured large-body (~1 MB) requests per server in each of 3 alternating rounds "
                    + "(default: ${DEFAULT-VALUE}); warm-up bursts of as many repeat until requests/s settles.")
    int largeRequests;

    @Option(names = "--large-lines", defaultValue = "" + BenchPlan.DEFAULT_LARGE_LINES,
            description = "Generated lines in the large body (default: ${DEFAULT-VALUE}, about 1 MB).")
    int largeLines;

    @Option(names = "--duration", defaultValue = "10s", converter = Converters.Time.class,
            description = "Length of each wrk run, e.g. 10s or 1m (default: ${DEFAULT-VALUE}); the built-in generator runs a fixed number of requests.")
    Duration duration;

    @Option(names = "--workers", defaultValue = "1",
            description = "Event-loop threads of both servers (default: ${DEFAULT-VALUE}, like in_http).")
    int workers;

    @Option(names = "--skip-wrk", description = "Do not run wrk even if it is installed.")
    boolean skipWrk;

    @Option(names = "--memory", description = "Also measure memory per idle keep-alive connection, shrink off vs on.")
    boolean memory;

    @Option(names = "--memory-connections", defaultValue = "1000",
            description = "Idle connections for --memory (default: ${DEFAULT-VALUE}; fewer if ulimit -n is too low).")
    int memoryConnections;

    @Option(names = "--memory-lines", defaultValue = "" + IdleConnectionMemory.DEFAULT_LINES,
            description = "Generated lines of the one request each idle connection carries for --memory (default: ${DEFAULT-VALUE}, about 1.65 MB: four 512K chunks, so shrink applies).")
    int memoryLines;

    @CommandLine.ArgGroup(exclusive = false, heading = "Side by side with a real Fluent Bit:%n")
    SideBySideCommand sideBySide;

    @Override
    public Integer call() {
        if (sideBySide != null) {
            return sideBySide.run(spec.commandLine());
        }
        PrintWriter out = spec.commandLine().getOut();
        BenchPlan plan;
        IdleConnectionMemory idle;
        try {
            plan = new BenchPlan(connections, smallRequests, largeRequests, largeLines, duration, !skipWrk, workers);
            idle = memory ? new IdleConnectionMemory(memoryConnections, memoryLines, out) : null;
        } catch (IllegalArgumentException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("plateau bench: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        out.printf("plateau bench: collector (null output) vs bare Netty baseline, %d worker thread(s) each, same JVM%n",
                plan.workers());
        if (plan.wrk() && !WrkRunner.available()) {
            out.println("  wrk is not on the PATH: only the built-in generator runs (install wrk to compare)");
        }
        String table = BenchTable.format(new EndToEndBench(plan, out).run());
        out.println();
        out.print(table);
        if (idle != null) {
            out.println();
            out.println("memory per idle keep-alive connection:");
            var rows = idle.run();
            out.println();
            out.print(IdleConnectionMemory.format(rows, EndToEndBench.collectorConfig(1).bufferChunkSize()));
        }
        out.flush();
        return 0;
    }
}
