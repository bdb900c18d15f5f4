package dev.plateau.ui;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulse durations as JavaFX itself measures them: with {@code -Djavafx.pulseLogger=true} and
 * {@code -Djavafx.pulseLogger.threshold=0} JavaFX's {@code PrintLogger} writes one entry per pulse to
 * {@code System.err} — {@code PULSE: 181 [16ms:23ms]} (the second figure is the pulse's duration, from its start
 * on the FX thread to the end of its rendering on the QuantumRenderer thread, in whole ms), or
 * {@code [182 14ms:0ms]} for pulses at or under the threshold. {@link #install()} puts a stream in front of
 * {@code System.err} that parses those entries, drops the logger's phase lines and passes every other line on.
 * Used by {@link PulseBench}; not part of the console.
 */
final class PulseLog extends OutputStream {
    private static final Pattern LONG = Pattern.compile("^PULSE: (\\d+) \\[(-?\\d+)ms:(\\d+)ms\\]");
    private static final Pattern SHORT = Pattern.compile("\\[(\\d+) (-?\\d+)ms:(\\d+)ms\\]");
    private static final Pattern PHASE = Pattern.compile("^(T\\d+ |\\t|Counters:|INTER PULSE LOG DATA|\\[\\d+ .*ms\\]|"
            + "\\[\\d+ pulses? skipped|WARNING: logging incomplete)");

    private final PrintStream downstream;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int[] durations = new int[1024];
    private int count;
    private boolean recording;
    private volatile boolean raw;

    PulseLog(PrintStream downstream) {
        this.downstream = downstream;
    }

    /** Parses {@code System.err} from now on (call before the FX toolkit starts, with the properties set). */
    static PulseLog install() {
        System.setProperty("javafx.pulseLogger", "true");
        System.setProperty("javafx.pulseLogger.threshold", "0");
        PulseLog log = new PulseLog(System.err);
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        return log;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            accept(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }

    /** One line of the pulse logger's output (or anything else written to stderr). */
    synchronized void accept(String text) {
        if (raw && recording) {
            downstream.println(text);
        }
        Matcher m = LONG.matcher(text);
        if (m.find()) {
            add(Integer.parseInt(m.group(3)));
            return;
        }
        m = SHORT.matcher(text);
        boolean any = false;
        while (m.find()) {
            add(Integer.parseInt(m.group(3)));
            any = true;
        }
        if (!any && !raw && !text.isEmpty() && !PHASE.matcher(text).find()) {
            downstream.println(text);
        }
    }

    private void add(int ms) {
        if (!recording) {
            return;
        }
        if (count == durations.length) {
            durations = Arrays.copyOf(durations, count * 2);
        }
        durations[count++] = ms;
    }

    /** Also passes the logger's own lines (every pulse's phases) on while recording. */
    void raw(boolean on) {
        raw = on;
    }

    /** Forgets what was recorded and starts (or stops) recording. */
    synchronized void record(boolean on) {
        recording = on;
        count = 0;
    }

    synchronized Stats stats() {
        return Stats.of(Arrays.copyOf(durations, count));
    }

    /** Pulse durations in ms: all pulses, and the pulses that took at least 1 ms (those that did real work). */
    record Stats(int pulses, int busyPulses, double meanMs, int p99Ms, int maxMs, double busyMeanMs, int busyP99Ms,
                 int over16Ms) {
        static Stats of(int[] ms) {
            int[] sorted = ms.clone();
            Arrays.sort(sorted);
            int[] busy = Arrays.stream(sorted).filter(v -> v >= 1).toArray();
            int over = (int) Arrays.stream(sorted).filter(v -> v > 16).count();
            return new Stats(sorted.length, busy.length, mean(sorted), pct(sorted, 99), sorted.length == 0 ? 0
                    : sorted[sorted.length - 1], mean(busy), pct(busy, 99), over);
        }

        private static double mean(int[] v) {
            return v.length == 0 ? 0 : Arrays.stream(v).average().orElse(0);
        }

        private static int pct(int[] sorted, int p) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "pulses %d: max %d ms, p99 %d ms, mean %.2f ms, over 16 ms: %d | "
                    + "pulses >= 1 ms: %d, p99 %d ms, mean %.2f ms", pulses, maxMs, p99Ms, meanMs, over16Ms, busyPulses,
                    busyP99Ms, busyMeanMs);
        }
    }
}
