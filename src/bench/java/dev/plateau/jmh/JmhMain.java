package dev.plateau.jmh;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the JMH benchmarks with JMH's own command line, then prints what JMH does not: MB/s per body (decimal
 * MB, bytes of the request body per second), heap bytes allocated per operation (from {@code -prof gc}) and the
 * encoder / Jackson parse-only ratio for each JSON body (the encoder reading a direct buffer, as in the collector). List, help and similar options go straight to JMH.
 *
 * <pre>{@code
 * mvn -Pbench -DskipTests verify                                     # all, ~3 minutes on 2 cores
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
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.print(summary(results));
    }

    /** JMH's 99.9% confidence half-interval as a percentage of the score. */
    private static String error(Result<?> primary) {
        double e = primary.getScoreError();
        return Double.isNaN(e) || primary.getScore() == 0 ? "-"
                : String.format(Locale.ROOT, "±%.0f%%", 100 * e / primary.getScore());
    }

    /** The summary table for a finished run. */
    static String summary(Collection<RunResult> results) {
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
        for (String body : new String[] {"small", "large"}) {
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
