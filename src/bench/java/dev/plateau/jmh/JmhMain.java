package dev.plateau.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks with JMH's own command line, then prints what JMH does not: MB/s per body (decimal
 * MB, bytes of the request body per second), heap bytes allocated per operation (from {@code -prof gc}) and the
 * encoder / Jackson parse-only ratio for each JSON body (the encoder reading a direct buffer, as in the collector). List, help and similar options go straight to JMH.
 *
 * <pre>{@code
 * mvn -Pbench -DskipTests verify                                     # default, ~5 minutes on 2 cores
 *     # (encoder and parse-only alternate for 3 rounds per body, the ratios and their median printed; then the rest)
 * mvn -Pbench -DskipTests verify -Djmh.args="-f 1 -i 3 -p body=large -prof gc"
 * }</pre>
 */
public final class JmhMain {
    private JmhMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException, Exception {
        CommandLineOptions options = new CommandLineOptions(args);
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        if (!options.getIncludes().isEmpty()) {
            Collection<RunResult> results = new Runner(options).run();
            System.out.println();
            System.out.print(summary(results, true));
            return;
        }
        // the default run: the encoder and its floor alternate, round after round, so a neighbour's load or a
        // slow minute of the host falls on both; then the other benchmarks once
        List<RunResult> all = new ArrayList<>();
        Map<String, List<Double>> ratios = new TreeMap<>();
        for (int round = 1; round <= RATIO_ROUNDS; round++) {
            for (String body : new String[] {"large", "small"}) {
                RunResult enc = one(options, "EncoderBenchmark.encode_reset", body);
                RunResult floor = one(options, "JacksonParseBenchmark.parse_only", body);
                double ratio = enc.getPrimaryResult().getScore() / floor.getPrimaryResult().getScore();
                ratios.computeIfAbsent(body, b -> new ArrayList<>()).add(ratio);
                System.out.printf(Locale.ROOT, "round %d, %s body: encoder / parse-only = %.2f%n", round, body, ratio);
                if (round == 1) {
                    all.add(enc);
                    all.add(floor);
                }
            }
        }
        all.add(one(options, "EncoderBenchmark.encode_reset", "form"));
        all.add(one(options, "JacksonParseBenchmark.parse_strings", "large"));
        System.out.println();
        System.out.print(summary(all, false));
        for (Map.Entry<String, List<Double>> e : ratios.entrySet()) {
            List<Double> r = new ArrayList<>(e.getValue());
            r.sort(null);
            StringBuilder each = new StringBuilder();
            for (double v : e.getValue()) {
                each.append(String.format(Locale.ROOT, " %.2f", v));
            }
            System.out.printf(Locale.ROOT, "encoder / Jackson parse-only, %-5s body, %d alternating rounds:%s -> median %.2f%s%n",
                    e.getKey(), RATIO_ROUNDS, each, r.get(r.size() / 2),
                    e.getKey().equals("large") ? "  (target >= 0.60)" : "");
        }
    }

    /** Alternating encoder / parse-only rounds of the default run. */
    static final int RATIO_ROUNDS = 3;

    private static RunResult one(CommandLineOptions options, String benchmark, String body) throws RunnerException {
        Options o = new OptionsBuilder().parent(options).include(benchmark + "$").param("body", body).build();
        return new Runner(o).runSingle();
    }

    /** JMH's 99.9% confidence half-interval as a percentage of the score. */
    private static String error(Result<?> primary) {
        double e = primary.getScoreError();
        return Double.isNaN(e) || primary.getScore() == 0 ? "-"
                : String.format(Locale.ROOT, "±%.0f%%", 100 * e / primary.getScore());
    }

    /** The summary table for a finished run, with the encoder / parse-only ratio of each body if asked. */
    static String summary(Collection<RunResult> results, boolean ratios) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-38s %-13s %10s %12s %7s %10s %14s%n",
                "benchmark", "body", "body bytes", "ops/s", "error", "MB/s", "alloc B/op"));
        Map<String, Double> mbPerSec = new TreeMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            String body = r.getParams().getParam("body");
            String label = "heap".equals(r.getParams().getParam("memory")) ? body + " (heap)" : body;
            int bytes = body == null ? 0 : Bodies.bytes(body).length;
            double opsPerSec = r.getPrimaryResult().getScore();
            double mb = opsPerSec * bytes / 1e6;
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            String allocText = alloc == null ? "(-prof gc)" : String.format(Locale.ROOT, "%.0f", alloc.getScore());
            out.append(String.format(Locale.ROOT, "%-38s %-13s %10d %12.1f %7s %10.1f %14s%n",
                    shortName, label, bytes, opsPerSec, error(r.getPrimaryResult()), mb, allocText));
            mbPerSec.put(shortName + "/" + label, mb);
        }
        for (String body : ratios ? new String[] {"small", "large"} : new String[0]) {
            Double enc = mbPerSec.get("EncoderBenchmark.encode_reset/" + body);
            Double floor = mbPerSec.get("JacksonParseBenchmark.parse_only/" + body);
            if (enc != null && floor != null && floor > 0) {
                out.append(String.format(Locale.ROOT,
                        "encoder / Jackson parse-only, %-5s body: %.2f  (target on the 5 MB body: >= 0.60)%n",
                        body, enc / floor));
            }
        }
        return out.toString();
    }
}
