package dev.plateau.fleet;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A synthetic fleet with a known truth, written as OpenMetrics and backfilled into a Prometheus TSDB with
 * {@code promtool tsdb create-blocks-from openmetrics}. Every instance ({@code i0000}, {@code i0001}, …) takes
 * 60–180 records a minute (a daily wave plus noise) and its memory ramps to a working level in the first hour, with
 * ±200 KB of noise; every {@value #LEAK_EVERY}th instance also leaks a known number of bytes per record; every
 * {@value #RESTART_EVERY}th restarts at mid-range (counter back to 0, memory back to its base).
 *
 * <pre>{@code
 * SyntheticFleet fleet = new SyntheticFleet(20, Duration.ofHours(24), Duration.ofMinutes(1), end);
 * fleet.backfill(dir.resolve("data"), dir);      // TSDB blocks for Prometheus
 * fleet.leaks();                                 // instance -> true slope, bytes per record
 * }</pre>
 */
public final class SyntheticFleet {
    static final int LEAK_EVERY = 5;
    static final int RESTART_EVERY = 7;
    private static final double[] SLOPES = {2_048, 3_000, 5_000, 8_192};

    private final int instances;
    private final Duration range;
    private final Duration step;
    private final Instant end;

    public SyntheticFleet(int instances, Duration range, Duration step, Instant end) {
        this.instances = instances;
        this.range = range;
        this.step = step;
        this.end = Instant.ofEpochSecond(end.getEpochSecond() / step.toSeconds() * step.toSeconds());
    }

    public Instant end() {
        return end;
    }

    public static String name(int i) {
        return String.format(Locale.ROOT, "i%04d", i);
    }

    /** The leaking instances and their true slopes in bytes per record. */
    public Map<String, Double> leaks() {
        Map<String, Double> out = new TreeMap<>();
        for (int i = 0; i < instances; i++) {
            if (i % LEAK_EVERY == 1) {
                out.put(name(i), SLOPES[(i / LEAK_EVERY) % SLOPES.length]);
            }
        }
        return out;
    }

    public boolean restarts(int i) {
        return i % RESTART_EVERY == 3;
    }

    /** Writes the OpenMetrics file (memory family, then records family); returns the number of samples. */
    public long write(Path file) throws IOException {
        long points = range.toSeconds() / step.toSeconds() + 1;
        long startS = end.getEpochSecond() - (points - 1) * step.toSeconds();
        Map<String, Double> leaks = leaks();
        long samples = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String family : new String[] {"memory", "records"}) {
                w.write(family.equals("memory") ? "# TYPE fleet_memory_bytes gauge\n" : "# TYPE fleet_records counter\n");
                for (int i = 0; i < instances; i++) {
                    SplittableRandom random = new SplittableRandom(i);
                    double slope = leaks.getOrDefault(name(i), 0.0);
                    double base = 30e6 + random.nextInt(20) * 1e6;
                    double phase = random.nextDouble() * 2 * Math.PI;
                    long records = 0;
                    long restartAt = restarts(i) ? points / 2 : -1;
                    long since = 0;
                    String series = (family.equals("memory") ? "fleet_memory_bytes" : "fleet_records_total")
                            + "{instance=\"" + name(i) + "\",job=\"synthetic\"} ";
                    for (long k = 0; k < points; k++, since++) {
                        if (k == restartAt) {
                            records = 0;
                            since = 0;
                        }
                        long t = startS + k * step.toSeconds();
                        records += 120 + Math.round(60 * Math.sin(2 * Math.PI * t / 86_400.0 + phase)) + random.nextInt(20);
                        double minutes = since * step.toSeconds() / 60.0;
                        double memory = base + 20e6 * (1 - Math.exp(-minutes / 20)) + slope * records
                                + random.nextGaussian() * 200e3;
                        w.write(series);
                        w.write(family.equals("memory") ? Long.toString(Math.round(memory)) : Long.toString(records));
                        w.write(' ');
                        w.write(Long.toString(t));
                        w.write('\n');
                        samples++;
                    }
                }
            }
            w.write("# EOF\n");
        }
        return samples;
    }

    /** Writes the file under {@code work} and backfills it into {@code data} with promtool. */
    public long backfill(Path data, Path work) throws IOException, InterruptedException {
        Path file = work.resolve("fleet.om.txt");
        long samples = write(file);
        Files.createDirectories(data);
        Path log = work.resolve("promtool.log");
        Process p = new ProcessBuilder(PrometheusServer.binary("promtool"), "tsdb", "create-blocks-from", "openmetrics",
                file.toString(), data.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("promtool failed: " + Files.readString(log));
        }
        Files.delete(file);
        return samples;
    }
}
