package dev.plateau.cli;

import dev.plateau.collector.CollectorException;
import dev.plateau.runs.RunStats;
import dev.plateau.runs.Scenario;
import dev.plateau.runs.ScenarioPlayer;
import dev.plateau.runs.TextTable;
import dev.plateau.runs.Verdict;
import dev.plateau.runs.Work;
import dev.plateau.targets.TargetFault;
import dev.plateau.targets.TargetSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plateau soak}: plays a scenario against an embedded collector, records the run and prints the verdict
 * table. Exit codes: 0 done, 1 a metric is growing (with {@code --fail-on-growth}), 2 bad input (one line on
 * stderr), 3 the run itself failed (port, I/O).
 *
 * <pre>
 * plateau soak --scenario samples/scenarios/seed-before.json --out runs/ --fail-on-growth
 * plateau soak --scenario samples/scenarios/fb-held.json --profile heaptrack --target-command "fluent-bit …"
 * </pre>
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Play a scenario against an embedded collector or a target (--target-command/--target-pid), record the run, print peak, final, slope and verdict per metric.")
public final class SoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlayOptions play = new PlayOptions();

    @Option(names = "--quiet", description = "Do not print progress and events on stderr.")
    boolean quiet;

    @Mixin
    TargetOptions target = new TargetOptions();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        ScenarioPlayer player;
        Scenario sc;
        boolean profiled;
        try {
            sc = Scenario.load(play.scenario);
            player = new ScenarioPlayer(sc, play.out).trend(play.trend()).work(target.work());
            TargetSpec t = target.spec(sc);
            if (t != null) {
                player.target(t);
            }
            profiled = Profiling.install(player, t);
            if (play.metrics != null && !play.metrics.isEmpty()) {
                player.metrics(play.metrics);
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("plateau soak: " + e.getMessage());
            return 2;
        }
        if (!quiet) {
            player.progress(new ProgressPrinter(err));
        }
        Thread hook = new Thread(player::cancel, "plateau-soak-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        ScenarioPlayer.Result result;
        try {
            result = player.play();
        } catch (CollectorException | IOException e) {
            err.println("plateau soak: run failed: " + e.getMessage());
            return 3;
        } catch (TargetFault f) {
            err.println("plateau soak: " + f.getMessage() + (f.run() == null ? "" : " (run kept: " + f.run() + ")"));
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("plateau soak: interrupted");
            return 3;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // JVM already shutting down
            }
        }
        outw.println("run " + result.run().dir() + (result.cancelled() ? " (cancelled)" : ""));
        outw.print(table(result.stats()));
        printNote(outw, target.work(), result.run());
        result.reports().forEach(r -> outw.println("burst: " + r.summary()));
        if (profiled) {
            try {
                Profiling.printSites(outw, result.run().dir());
            } catch (IOException e) {
                outw.flush();
                err.println("plateau soak: " + e.getMessage());
                return 3;
            }
        }
        outw.flush();
        return play.failOnGrowth && result.anyGrowing() ? 1 : 0;
    }

    /** The work counter's note, when the run's unit of work was not read directly ({@link Work#note}). */
    static void printNote(PrintWriter out, Work work, dev.plateau.runs.Run run) {
        String note = work.note(run.table());
        if (note != null) {
            out.println("note: " + note);
        }
    }

    static String table(List<RunStats> stats) {
        TextTable t = new TextTable("metric", "peak", "final", "growth after warm-up", "slope", "verdict");
        for (RunStats s : stats) {
            t.row(s.metric(), TextTable.bytes(s.peak()), TextTable.bytes(s.last()), TextTable.bytes(s.growthAfterWarmup()),
                    TextTable.slope(s.slope(), s.unit()), s.verdict() == Verdict.GROWING ? "GROWING" : s.verdict().label());
        }
        return t.toString();
    }

    /**
     * Prints progress on stderr at most every 10% and when the phase (the text before ':') changes, so the final
     * count of the bursts is always shown (a log, not a spinner: works in CI).
     */
    private static final class ProgressPrinter implements ScenarioPlayer.Progress {
        private final PrintWriter err;
        private int lastDecile = -1;
        private String lastPhase = "";

        ProgressPrinter(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void update(double fraction, String message) {
            int decile = (int) Math.floor(fraction * 10);
            String phase = message.substring(0, Math.max(0, message.indexOf(':')));
            if (decile != lastDecile || !phase.equals(lastPhase)) {
                lastDecile = decile;
                lastPhase = phase;
                err.printf(Locale.ROOT, "[%3.0f%%] %s%n", fraction * 100, message);
                err.flush();
            }
        }
    }
}
