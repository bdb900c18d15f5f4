package dev.plateau.cli;

import dev.plateau.allocations.AllocationRecorder;
import dev.plateau.allocations.At;
import dev.plateau.allocations.HeapTimeline;
import dev.plateau.allocations.HeaptrackProfile;
import dev.plateau.allocations.SiteTable;
import dev.plateau.allocations.Wrappers;
import dev.plateau.load.BurstReport;
import dev.plateau.runs.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plateau allocations record}: runs a command under heaptrack, plays a scenario's bursts at its port, stops
 * it with SIGKILL while the held connections are still open, and prints the top held sites. {@code {port}} in the
 * command is replaced by a free port. Exit 0; 2 bad input; 3 heaptrack missing or the run failed (one line).
 *
 * <pre>
 * plateau allocations record --out runs/fb-stock --scenario samples/scenarios/fb-held.json -- \
 *     fluent-bit -i http -p listen=127.0.0.1 -p port={port} -o null -m '*'
 * </pre>
 */
@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run CMD under heaptrack, play a scenario at its port, SIGKILL it with the connections open, print the top held sites.")
public final class AllocationsRecordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The run folder to write.")
    Path out;

    @Option(names = "--scenario", required = true, paramLabel = "FILE",
            description = "Scenario JSON whose bursts are played (e.g. samples/scenarios/fb-held.json); its collector settings are ignored.")
    Path scenario;

    @Option(names = "--port", paramLabel = "N", description = "The port CMD listens on (default: a free port put into {port} in CMD).")
    Integer port;

    @Option(names = "--top", paramLabel = "N", description = "Sites to print (default: ${DEFAULT-VALUE}).")
    int top = 10;

    @Option(names = "--without-heaptrack", description = "Run CMD bare with the same load (to measure heaptrack's overhead).")
    boolean bare;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The target's command line, after --.")
    List<String> command;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario sc;
        int p;
        try {
            sc = Scenario.load(scenario);
            p = port != null ? port : freePort();
            if (port == null && command.stream().noneMatch(a -> a.contains("{port}"))) {
                throw new IllegalArgumentException("give --port N, or put {port} into CMD where its port goes");
            }
        } catch (IOException | IllegalArgumentException e) {
            return fail(err, CommandLine.ExitCode.USAGE, e.getMessage());
        }
        List<String> cmd = command.stream().map(a -> a.replace("{port}", Integer.toString(p))).toList();
        try {
            HeaptrackProfile profile = bare ? null : HeaptrackProfile.locate();
            AllocationRecorder.Result r = new AllocationRecorder(profile, out, cmd, p, sc)
                    .progress(m -> {
                        err.println(m);
                        err.flush();
                    }).record();
            for (BurstReport b : r.reports()) {
                o.println("burst: " + b.summary());
            }
            HeapTimeline.Row last = r.timeline().rows().isEmpty() ? null : r.timeline().rows().get(r.timeline().rows().size() - 1);
            o.printf(Locale.ROOT, "RSS: peak %.1f MB, at the end %.1f MB%n", r.timeline().peakRss() / 1e6,
                    last == null ? Double.NaN : last.rssBytes() / 1e6);
            if (r.run() != null) {
                o.print(SiteTable.headline(r.run()));
                o.print(SiteTable.sites(r.run().top(At.END, top, Wrappers.DEFAULT), At.END));
            }
            o.flush();
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            return fail(err, 3, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(err, 3, "interrupted");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private int fail(PrintWriter err, int code, String message) {
        err.println(spec.qualifiedName() + ": " + message);
        err.flush();
        return code;
    }
}
