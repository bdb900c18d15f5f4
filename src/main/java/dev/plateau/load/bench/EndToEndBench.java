package dev.plateau.load.bench;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.Profile;
import dev.plateau.events.EventLog;
import dev.plateau.load.BaselineServer;
import dev.plateau.load.BurstReport;
import dev.plateau.load.BurstRunner;
import dev.plateau.load.BurstSpec;
import dev.plateau.load.Payload;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end-to-end half of {@code plateau bench}: in one JVM, the embedded collector (null output) and the bare
 * Netty {@link BaselineServer} (same number of event loops), each driven with the same load by the same
 * {@link BurstRunner} — a small (one record) and a large (~1 MB) JSON body over C keep-alive connections: both
 * servers warmed up (until their requests/s settles), then {@value #ROUNDS} measured rounds alternating between them, the median kept — and, when
 * asked and installed, by wrk. Heap allocated per request is counted
 * on every thread but the load generator's ({@link ThreadMeter}), and so is CPU time.
 *
 * <pre>{@code
 * List<BenchRow> rows = new EndToEndBench(plan, new PrintWriter(System.out, true)).run();
 * System.out.print(BenchTable.format(rows));
 * }</pre>
 */
public final class EndToEndBench {
    private static final String CLIENT_THREADS = "plateau-burst";
    /**
     * Measured rounds per server, alternating collector and baseline after both warmed up, so JIT compilation and
     * a neighbour's load on a shared machine fall on both alike; the median round is reported.
     */
    static final int ROUNDS = 3;
    /** Warm-up ends when a burst's requests/s is within this fraction of the one before. */
    static final double SETTLED = 0.10;
    static final int MAX_WARMUPS = 10;

    private final BenchPlan plan;
    private final PrintWriter progress;

    public EndToEndBench(BenchPlan plan, PrintWriter progress) {
        this.plan = plan;
        this.progress = progress;
    }

    /**
     * The collector the bench measures: profile {@code fluent-bit-4} (chunk-sized buffers, so its figures stay
     * comparable with earlier runs and shrink acts above two chunks), null output, port 0, no monitor, upstream's
     * unlimited mem_buf_limit.
     */
    public static CollectorConfig collectorConfig(int workers) {
        return CollectorConfig.builder().profile(Profile.FLUENT_BIT_4).port(0).output("null").monitorPort(0).memBufLimit(0)
                .flush(Duration.ofMillis(200)).workers(workers).build();
    }

    /** Runs every phase and returns the rows in table order. */
    public List<BenchRow> run() {
        List<BenchRow> rows = new ArrayList<>();
        EventLog events = new EventLog();
        try (Collector collector = new Collector(collectorConfig(plan.workers()), events);
                BaselineServer baseline = new BaselineServer(plan.workers());
                BurstRunner runner = new BurstRunner(events)) {
            collector.start();
            URI collectorUri = uri(collector.address());
            URI baselineUri = uri(baseline.start("127.0.0.1", 0));
            for (String load : List.of("small", "large")) {
                int lines = load.equals("small") ? 1 : plan.largeLines();
                int requests = load.equals("small") ? plan.smallRequests() : plan.largeRequests();
                Payload payload = Payload.forSpec(spec(collectorUri, 1, lines));
                warmUp(runner, load, "collector", collectorUri, lines, requests);
                warmUp(runner, load, "baseline", baselineUri, lines, requests);
                List<BenchRow> collectorRounds = new ArrayList<>();
                List<BenchRow> baselineRounds = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    collectorRounds.add(measure(runner, load, "collector", collectorUri, lines, requests));
                    baselineRounds.add(measure(runner, load, "baseline", baselineUri, lines, requests));
                }
                rows.add(median(collectorRounds, load, "collector"));
                rows.add(median(baselineRounds, load, "baseline"));
                if (plan.wrk() && WrkRunner.available()) {
                    rows.add(wrk(load, payload, "collector", collectorUri));
                    rows.add(wrk(load, payload, "baseline", baselineUri));
                }
            }
        }
        return rows;
    }

    /**
     * Warm-up bursts of {@code warmup(requests)} each until the JIT has settled: requests/s within
     * {@value #SETTLED} of the burst before (at most {@value #MAX_WARMUPS} bursts). The collector's path (Jackson,
     * the encoder) takes longer to compile than the bare baseline's, so one fixed burst left it still warming.
     */
    private void warmUp(BurstRunner runner, String load, String server, URI target, int lines, int requests) {
        double previous = 0;
        StringBuilder rates = new StringBuilder();
        int bursts = 0;
        while (bursts < MAX_WARMUPS) {
            BurstReport r = runner.start(spec(target, plan.warmup(requests), lines)).result().join();
            double rate = r.answered() / r.durationS();
            rates.append(String.format(Locale.ROOT, " %.0f", rate));
            bursts++;
            if (previous > 0 && Math.abs(rate - previous) <= SETTLED * previous) {
                break;
            }
            previous = rate;
        }
        progress.printf(Locale.ROOT, "  %-5s %-9s plateau: %d warm-up bursts of %d requests, req/s:%s%n",
                load, server, bursts, plan.warmup(requests), rates);
        progress.flush();
    }

    /** The round with the median requests/s (its own latency, allocation and CPU figures); every round printed. */
    private BenchRow median(List<BenchRow> rounds, String load, String server) {
        List<BenchRow> sorted = new ArrayList<>(rounds);
        sorted.sort(java.util.Comparator.comparingDouble(BenchRow::requestsPerSec));
        StringBuilder each = new StringBuilder();
        for (BenchRow r : rounds) {
            each.append(String.format(Locale.ROOT, " %.0f", r.requestsPerSec()));
        }
        progress.printf(Locale.ROOT, "  %-5s %-9s req/s per round:%s (median kept)%n", load, server, each);
        progress.flush();
        return sorted.get(sorted.size() / 2);
    }

    private BenchRow measure(BurstRunner runner, String load, String server, URI target, int lines, int requests) {
        ThreadMeter meter = ThreadMeter.start(name -> !name.startsWith(CLIENT_THREADS));
        BurstSpec spec = spec(target, requests, lines);
        BurstReport r = runner.start(spec).result().join();
        long allocated = meter.allocatedBytes();
        long cpu = meter.cpuNanos();
        int bodyBytes = Payload.forSpec(spec).body().length;
        return new BenchRow(load, bodyBytes, "plateau", server, r.answered(), r.durationS(),
                r.answered() / r.durationS(), r.answered() * (double) bodyBytes / 1e6 / r.durationS(),
                r.p50Ms(), r.p99Ms(), (double) allocated / Math.max(1, r.answered()),
                cpu / 1e3 / Math.max(1, r.answered()), r.failed() + r.non2xx());
    }

    private BenchRow wrk(String load, Payload payload, String server, URI target) {
        progress.printf(Locale.ROOT, "  %-5s %-9s wrk: %d s over %d connections%n",
                load, server, plan.wrkDuration().toSeconds(), plan.connections());
        progress.flush();
        WrkRunner.Result r = new WrkRunner().run(target, payload.body(), payload.contentType(), plan.connections(),
                plan.wrkDuration());
        int bodyBytes = payload.body().length;
        return new BenchRow(load, bodyBytes, "wrk", server, r.requests(), r.seconds(), r.requestsPerSec(),
                r.requestsPerSec() * bodyBytes / 1e6, r.p50Ms(), r.p99Ms(), Double.NaN, Double.NaN, r.errors());
    }

    private BurstSpec spec(URI target, int requests, int lines) {
        return new BurstSpec(target, requests, 0, 0, plan.connections(), 0, false, false, lines, null, false, null,
                Duration.ofSeconds(60));
    }

    private static URI uri(InetSocketAddress address) {
        return URI.create("http://127.0.0.1:" + address.getPort() + "/bench");
    }
}
