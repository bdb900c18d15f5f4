package dev.plateau.load.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Prints {@link SideBySide} rounds: one row per figure with each server's median over the rounds and its range,
 * the ratio Plateau ÷ Fluent Bit, then issue 17's targets, each {@code met} or {@code NOT met} with the figures.
 *
 * <pre>{@code
 * out.print(SideBySideReport.format(rounds, largeBodyBytes));
 * }</pre>
 */
public final class SideBySideReport {
    private static final double MB = 1e6;

    private SideBySideReport() {
    }

    /** The table and the targets. */
    public static String format(List<SideBySide.Round> rounds, int largeBodyBytes) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-44s %-22s %-22s %s%n", "median of " + rounds.size() + " round(s) [range]",
                "Plateau collect", "Fluent Bit", "Plateau ÷ FB"));
        row(out, rounds, "launch to accepting (ms)", f -> f.launchMs(), 1);
        row(out, rounds, "RSS at start (MB)", f -> f.rssStart() / MB, 1);
        row(out, rounds, "small: req/s (wrk, ~80 B)", SideBySide.Figures::smallRps, 0);
        row(out, rounds, "small: p50 latency (ms)", SideBySide.Figures::p50Ms, 2);
        row(out, rounds, "small: p99 latency (ms)", SideBySide.Figures::p99Ms, 2);
        row(out, rounds, "small: peak RSS (MB)", f -> f.smallPeak() / MB, 1);
        row(out, rounds, "small: RSS 1 s after (MB)", f -> f.rss1s() / MB, 1);
        row(out, rounds, "small: RSS after idling (MB)", f -> f.rssIdle() / MB, 1);
        row(out, rounds, "large (" + largeBodyBytes / 1000 + " KB arrays): MB/s answered 2xx", SideBySide.Figures::largeMBps, 1);
        row(out, rounds, "large: requests not answered 2xx", f -> f.largeRejected(), 0);
        row(out, rounds, "large: peak RSS (MB)", f -> f.largePeak() / MB, 1);
        row(out, rounds, "h2c: req/s (h2load -c 8 -m 10)", SideBySide.Figures::h2Rps, 0);
        row(out, rounds, "small, paced (same rate): p99 (ms)", SideBySide.Figures::pacedP99Ms, 2);
        row(out, rounds, "small + h2c + paced: not answered 2xx", f -> f.errors(), 0);
        out.append(System.lineSeparator()).append("targets (issue 17):").append(System.lineSeparator());
        for (String t : targets(rounds)) {
            out.append("  ").append(t).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** Each target of issue 17 that this run measures, as "met"/"NOT met" with the figures behind it. */
    static List<String> targets(List<SideBySide.Round> rounds) {
        double start = median(rounds, r -> r.plateau().rssStart() / MB);
        double peak = median(rounds, r -> r.plateau().smallPeak() / MB);
        double idle = median(rounds, r -> r.plateau().rssIdle() / MB);
        double rps = median(rounds, r -> r.plateau().smallRps() / r.fluentBit().smallRps());
        double largePeak = median(rounds, r -> r.plateau().largePeak() / (double) r.fluentBit().largePeak());
        double largeRate = median(rounds, r -> r.plateau().largeMBps() / r.fluentBit().largeMBps());
        double p99 = median(rounds, r -> r.plateau().p99Ms() / r.fluentBit().p99Ms());
        double h2 = median(rounds, r -> r.plateau().h2Rps() / r.fluentBit().h2Rps());
        double paced = median(rounds, r -> r.plateau().pacedP99Ms() / r.fluentBit().pacedP99Ms());
        List<String> out = new ArrayList<>();
        out.add(verdict(peak <= 160, "small: peak RSS ≤ 160 MB: %.1f MB", peak));
        out.add(verdict(idle <= start * 1.15, "small: back to ≤ start + 15 %% after idling: %.1f MB vs start %.1f MB (%+.0f %%)",
                idle, start, (idle / start - 1) * 100));
        out.add(verdict(start <= 90, "RSS at start ≤ 90 MB: %.1f MB", start));
        out.add(verdict(rps >= 1.4, "small: req/s ≥ 1.4 × Fluent Bit: %.2f ×", rps));
        out.add(verdict(p99 <= 1, "small: p99 ≤ Fluent Bit's (wrk, each at its own saturation): %.2f ×", p99));
        if (!Double.isNaN(paced)) {
            out.add(verdict(paced <= 1, "small: p99 ≤ Fluent Bit's at the same paced rate: %.2f ×", paced));
        }
        out.add(verdict(largePeak <= 1, "large: peak RSS ≤ Fluent Bit's: %.2f ×", largePeak));
        out.add(verdict(largeRate >= 4, "large: MB/s ≥ 4 × Fluent Bit: %.2f ×", largeRate));
        out.add(Double.isNaN(h2) ? "h2c: not measured (h2load is not on the PATH; apt install nghttp2-client)"
                : verdict(h2 >= 1, "h2c: req/s ≥ Fluent Bit's: %.2f ×", h2));
        return out;
    }

    private static String verdict(boolean met, String format, Object... args) {
        return (met ? "met      " : "NOT met  ") + String.format(Locale.ROOT, format, args);
    }

    private static void row(StringBuilder out, List<SideBySide.Round> rounds, String label,
            ToDoubleFunction<SideBySide.Figures> figure, int decimals) {
        double[] p = rounds.stream().mapToDouble(r -> figure.applyAsDouble(r.plateau())).toArray();
        double[] f = rounds.stream().mapToDouble(r -> figure.applyAsDouble(r.fluentBit())).toArray();
        double ratio = median(rounds, r -> figure.applyAsDouble(r.plateau()) / figure.applyAsDouble(r.fluentBit()));
        out.append(String.format(Locale.ROOT, "%-44s %-22s %-22s %s%n", label, cell(p, decimals), cell(f, decimals),
                Double.isNaN(ratio) || Double.isInfinite(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio)));
    }

    private static String cell(double[] values, int decimals) {
        double[] v = values.clone();
        Arrays.sort(v);
        String fmt = "%,." + decimals + "f";
        String median = String.format(Locale.ROOT, fmt, median(v));
        return v.length < 2 ? median
                : median + " [" + String.format(Locale.ROOT, fmt, v[0]) + "–" + String.format(Locale.ROOT, fmt, v[v.length - 1]) + "]";
    }

    private static double median(List<SideBySide.Round> rounds, ToDoubleFunction<SideBySide.Round> f) {
        double[] v = rounds.stream().mapToDouble(f).toArray();
        Arrays.sort(v);
        return median(v);
    }

    private static double median(double[] sorted) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
