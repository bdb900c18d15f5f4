package dev.plateau.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Judges a fleet from its history in Prometheus: runs the range queries (split by {@link RangePlan}, at most
 * {@code concurrency} in flight), names and pairs the series ({@link InstanceMatcher}), judges every instance on
 * all cores ({@link InstanceJudge}), optionally imports each as a run, and returns the results sorted by slope.
 * Memory is bounded by the points themselves (16 bytes each); every instance's arrays are dropped once judged.
 *
 * <pre>{@code
 * FleetSpec spec = FleetSpec.of(URI.create("http://127.0.0.1:9090"), Preset.PLATEAU, Duration.ofHours(24));
 * FleetReport report = new Fleet(spec).run((phase, done, total) -> {}, null);
 * System.out.print(report.table());
 * }</pre>
 */
public final class Fleet {
    /** Progress of a run: {@code query} (chunks answered) then {@code judge} (instances judged). */
    public interface Progress {
        void update(String phase, long done, long total);
    }

    private final FleetSpec spec;
    private final PrometheusClient client;

    public Fleet(FleetSpec spec) {
        this.spec = spec;
        this.client = new PrometheusClient(spec.prometheus(), spec.auth(), spec.timeout());
    }

    /** Runs the judgement; {@code importer} may be null (no runs written). */
    public FleetReport run(Progress progress, FleetRunImport importer) throws FleetException {
        RangePlan plan = spec.plan();
        Map<Map<String, String>, Points> memory = new ConcurrentHashMap<>();
        Map<Map<String, String>, Points> work = new ConcurrentHashMap<>();
        query(plan, memory, work, progress);
        var mem = InstanceMatcher.byInstance("--memory", spec.memory(), memory, spec.by());
        var wrk = spec.work() == null ? null : InstanceMatcher.byInstance("--work", spec.work(), work, spec.by());
        if (wrk != null) {
            InstanceMatcher.requireSameInstances(mem.keySet(), wrk.keySet());
        }
        memory.clear();
        work.clear();
        InstanceJudge judge = new InstanceJudge(spec.trend(), plan.step().toMillis(), spec.unit());
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), daemon("plateau-fleet-judge"));
        List<Future<InstanceResult>> futures = new ArrayList<>();
        AtomicLong judged = new AtomicLong();
        try {
            for (var e : mem.entrySet()) {
                Points w = wrk == null ? null : wrk.get(e.getKey()).points();
                futures.add(pool.submit(() -> {
                    InstanceHistory h = judge.history(e.getValue().labels(), e.getValue().points().sorted(),
                            w == null ? null : w.sorted());
                    InstanceResult r = judge.result(e.getKey(), h);
                    if (importer != null) {
                        r = r.withRun(importer.write(h, r));
                    }
                    progress.update("judge", judged.incrementAndGet(), mem.size());
                    return r;
                }));
            }
            List<InstanceResult> results = new ArrayList<>();
            for (Future<InstanceResult> f : futures) {
                results.add(get(f));
            }
            results.sort(Comparator.comparingDouble((InstanceResult r) -> Double.isNaN(r.slope()) ? Double.NEGATIVE_INFINITY : r.slope())
                    .reversed().thenComparing(InstanceResult::name));
            return new FleetReport(spec, plan, results);
        } finally {
            pool.shutdownNow();
        }
    }

    private void query(RangePlan plan, Map<Map<String, String>, Points> memory, Map<Map<String, String>, Points> work,
                       Progress progress) throws FleetException {
        ExecutorService pool = Executors.newFixedThreadPool(spec.concurrency(), daemon("plateau-fleet-query"));
        List<Future<Integer>> futures = new ArrayList<>();
        long total = plan.chunks().size() * (spec.work() == null ? 1L : 2L);
        AtomicLong done = new AtomicLong();
        try {
            for (RangePlan.Chunk c : plan.chunks()) {
                futures.add(pool.submit(() -> chunk("--memory", spec.memory(), c, plan, memory, done, total, progress)));
                if (spec.work() != null) {
                    futures.add(pool.submit(() -> chunk("--work", spec.work(), c, plan, work, done, total, progress)));
                }
            }
            for (Future<Integer> f : futures) {
                get(f);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private int chunk(String option, String expr, RangePlan.Chunk c, RangePlan plan, Map<Map<String, String>, Points> into,
                      AtomicLong done, long total, Progress progress) throws FleetException {
        int n;
        try {
            n = client.queryRange(expr, c, plan.step(), (labels, points) -> {
                Points target = into.computeIfAbsent(Map.copyOf(labels), k -> new Points((int) Math.min(plan.points(), 1 << 16)));
                target.addAll(points);
            });
        } catch (FleetException e) {
            throw new FleetException(option + " '" + expr + "': " + e.getMessage(), e);
        }
        progress.update("query", done.incrementAndGet(), total);
        return n;
    }

    private static <T> T get(Future<T> f) throws FleetException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("cancelled");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FleetException fe) {
                throw fe;
            }
            if (e.getCause() instanceof java.io.UncheckedIOException io) {
                throw new FleetException(io.getMessage(), io);
            }
            throw new FleetException("fleet judgement failed: " + e.getCause(), e.getCause());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
