package dev.plateau.cli;

import dev.plateau.runs.RunStats;
import dev.plateau.runs.Scenario;
import dev.plateau.runs.ScenarioPlayer;
import dev.plateau.runs.TextTable;
import dev.plateau.runs.Trend;
import dev.plateau.targets.TargetFault;
import dev.plateau.targets.TargetSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plateau experiment}: the same scenario against two or more target commands (a stock Fluent Bit and a
 * patched build, or the clone and a real binary), each launched fresh with the same {@code --target-url} /
 * {@code --target-metrics} templates; one verdict table per variant, then a side-by-side table (peak / final /
 * slope / verdict per metric and variant). Each run is stored under {@code --out} with the variant's name as label,
 * so {@code plateau compare} and the Compare tab overlay them. Exit codes as {@code soak}: 2 bad input, 3 a variant
 * failed (the others still run), 1 a metric is growing with {@code --fail-on-growth}.
 *
 * <pre>
 * plateau experiment --scenario samples/scenarios/fluent-bit-short.json \
 *   --variant stock="fluent-bit-5.1.1 -i http -p port={port} -o null -H -P {metrics_port}" \
 *   --variant shrink="fluent-bit-5.1.1-shrink -i http -p port={port} -o null -H -P {metrics_port}" \
 *   --target-url http://127.0.0.1:{port}/ --target-metrics http://127.0.0.1:{metrics_port}/api/v2/metrics/prometheus
 * </pre>
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Play one scenario against several target commands, each fresh; print a verdict table per variant and a side-by-side table.")
public final class ExperimentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlayOptions play = new PlayOptions();

    @Option(names = "--variant", required = true, paramLabel = "NAME=CMD",
            description = "A target command to judge, named (repeat: two or more).")
    List<String> variants;

    @Mixin
    TargetOptions target = new TargetOptions();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        Map<String, TargetSpec> specs = new LinkedHashMap<>();
        Scenario sc;
        Trend trend;
        try {
            sc = Scenario.load(play.scenario);
            trend = play.trend();
            for (String v : variants) {
                int eq = v.indexOf('=');
                if (eq <= 0 || !v.substring(0, eq).matches("[A-Za-z0-9_.-]+")) {
                    throw new IllegalArgumentException("--variant: expected NAME=COMMAND (NAME: letters, digits, _ . -), was '" + v + "'");
                }
                if (specs.put(v.substring(0, eq), target.spec(v.substring(eq + 1))) != null) {
                    throw new IllegalArgumentException("--variant: name '" + v.substring(0, eq) + "' given twice");
                }
            }
            target.work();
            if (specs.values().stream().anyMatch(t -> t.profile() != null)) {
                dev.plateau.allocations.HeaptrackProfile.locate();   // missing: one line, exit 2, before any run
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("plateau experiment: " + e.getMessage());
            return 2;
        }
        List<List<RunStats>> all = new ArrayList<>();
        boolean failed = false;
        for (Map.Entry<String, TargetSpec> v : specs.entrySet()) {
            try {
                ScenarioPlayer player = new ScenarioPlayer(sc, play.out).label(v.getKey()).target(v.getValue())
                        .trend(trend).work(target.work());
                if (play.metrics != null && !play.metrics.isEmpty()) {
                    player.metrics(play.metrics);
                }
                boolean profiled = Profiling.install(player, v.getValue());
                ScenarioPlayer.Result r = player.play();
                outw.println("variant " + v.getKey() + ": run " + r.run().dir());
                outw.print(SoakCommand.table(r.stats()));
                SoakCommand.printNote(outw, target.work(), r.run());
                if (profiled) {
                    Profiling.printSites(outw, r.run().dir());
                }
                outw.println();
                all.add(r.stats());
            } catch (TargetFault f) {
                err.println("plateau experiment: variant " + v.getKey() + ": " + f.getMessage()
                        + (f.run() == null ? "" : " (run kept: " + f.run() + ")"));
                failed = true;
            } catch (IOException | IllegalArgumentException e) {
                err.println("plateau experiment: variant " + v.getKey() + ": " + e.getMessage());
                failed = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("plateau experiment: interrupted");
                return 3;
            }
            outw.flush();
        }
        outw.print(sideBySide(all));
        outw.flush();
        if (failed) {
            return 3;
        }
        return play.failOnGrowth && all.stream().flatMap(List::stream).anyMatch(s -> s.verdict() == dev.plateau.runs.Verdict.GROWING) ? 1 : 0;
    }

    /** One row per metric and variant: peak, final, slope, verdict. */
    static String sideBySide(List<List<RunStats>> runs) {
        TextTable t = new TextTable("metric", "variant", "peak", "final", "slope", "verdict");
        List<String> order = new ArrayList<>();
        runs.forEach(r -> r.forEach(s -> {
            if (!order.contains(s.metric())) {
                order.add(s.metric());
            }
        }));
        for (String m : order) {
            for (List<RunStats> r : runs) {
                r.stream().filter(s -> s.metric().equals(m)).forEach(s -> t.row(m, s.run(), TextTable.bytes(s.peak()),
                        TextTable.bytes(s.last()), TextTable.slope(s.slope(), s.unit()), s.verdict().label()));
            }
        }
        return t.toString();
    }
}
