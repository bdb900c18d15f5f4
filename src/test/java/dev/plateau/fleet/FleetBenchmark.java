package dev.plateau.fleet;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet benchmark (not a test): N synthetic instances × 24 h at a 1-minute step ({@link SyntheticFleet},
 * default 1,000 = 1.44 M points per expression) backfilled into a real Prometheus, then judged in this JVM. Prints
 * instances, points, seconds, the peak heap used during the judgement (sampled every 20 ms, garbage included), the time to merely download both answers (the
 * baseline: what any client pays), and the slopes found against the truth. Run with {@code -Xmx256m} so a
 * judgement that needs more fails instead of reporting:
 *
 * <pre>
 * mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx256m -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.plateau.fleet.FleetBenchmark 1000
 * </pre>
 */
public final class FleetBenchmark {
    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        Path dir = Files.createTempDirectory("plateau-fleet-bench");
        try {
            run(instances, dir);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(int instances, Path dir) throws Exception {
        SyntheticFleet fleet = new SyntheticFleet(instances, Duration.ofHours(24), Duration.ofMinutes(1), Instant.now().minusSeconds(180));
        long t0 = System.nanoTime();
        long samples = fleet.backfill(dir.resolve("data"), dir);
        System.out.printf(Locale.ROOT, "backfilled %,d samples in %.1f s%n", samples, (System.nanoTime() - t0) / 1e9);
        try (PrometheusServer prometheus = PrometheusServer.start(dir, "global: {scrape_interval: 1m}\nscrape_configs: []\n",
                dir.resolve("data"))) {
            FleetSpec spec = new FleetSpec(prometheus.url(), Auth.none(), "fleet_memory_bytes", "fleet_records_total",
                    List.of("instance"), Duration.ofHours(24), fleet.end(), Duration.ofMinutes(1), null, null, 4);
            double baseline = download(spec, "fleet_memory_bytes") + download(spec, "fleet_records_total");
            System.gc();
            java.util.concurrent.atomic.AtomicLong peakHeap = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.ScheduledExecutorService sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 20,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            FleetReport report = new Fleet(spec).run((phase, done, total) -> { }, null);
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.shutdownNow();
            long peak = peakHeap.get();
            System.out.printf(Locale.ROOT, "instances %d, points %,d per expression, judged in %.1f s (download alone %.1f s),"
                    + " peak heap %.0f MB (max %d MB)%n", report.results().size(), report.points(), seconds, baseline,
                    peak / 1e6, Runtime.getRuntime().maxMemory() / 1_000_000);
            Map<String, Double> truth = fleet.leaks();
            Map<String, Double> found = new TreeMap<>();
            report.growing().forEach(r -> found.put(r.labels().get("instance"), r.slope()));
            double worst = 0;
            for (var e : truth.entrySet()) {
                Double f = found.get(e.getKey());
                worst = Math.max(worst, f == null ? Double.POSITIVE_INFINITY : Math.abs(f / e.getValue() - 1));
            }
            System.out.printf(Locale.ROOT, "growing: %d found, %d true, same set: %s; worst slope error %.3f %%%n",
                    found.size(), truth.size(), found.keySet().equals(truth.keySet()), worst * 100);
            System.out.printf(Locale.ROOT, "baseline in this JVM: %d Theil-Sen fits of 1,441 points on %d threads take %.1f s%n",
                    report.results().size(), Runtime.getRuntime().availableProcessors(), fits(report.results().size()));
            truth.entrySet().stream().limit(8).forEach(e -> System.out.printf(Locale.ROOT, "  %s truth %,.0f found %,.1f B/record%n",
                    e.getKey(), e.getValue(), found.getOrDefault(e.getKey(), Double.NaN)));
        }
    }

    /** Seconds for {@code n} fits of one 24 h instance (the verdict's own cost), spread over all cores. */
    private static double fits(int n) throws Exception {
        double[] x = new double[1441];
        double[] y = new double[x.length];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 130.0 + random.nextInt(20);
            y[i] = 4e7 + x[i] * 2_000 + random.nextGaussian() * 2e5;
        }
        long start = System.nanoTime();
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> new dev.plateau.runs.Trend().fit(x, y));
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds to fetch one expression's answer and throw it away. */
    private static double download(FleetSpec spec, String expr) throws Exception {
        RangePlan plan = spec.plan();
        String form = "query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&start=" + plan.start().getEpochSecond()
                + "&end=" + plan.end().getEpochSecond() + "&step=" + plan.step().toSeconds();
        long start = System.nanoTime();
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(spec.prometheus().resolve("/api/v1/query_range"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
