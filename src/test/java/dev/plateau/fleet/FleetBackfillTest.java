package dev.plateau.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.plateau.cli.Main;
import dev.plateau.runs.Run;
import dev.plateau.runs.RunStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plateau fleet} against a real Prometheus holding 20 synthetic instances × 24 h at a 1-minute step,
 * backfilled with promtool ({@link SyntheticFleet}): it finds exactly the leaking ones with slopes within 5 % of
 * the truth, splits restarted instances into segments, imports runs, and answers every bad input with one line.
 */
class FleetBackfillTest {
    private static final int INSTANCES = 20;
    @TempDir
    static Path dir;
    private static SyntheticFleet fleet;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void backfill() throws Exception {
        fleet = new SyntheticFleet(INSTANCES, Duration.ofHours(24), Duration.ofMinutes(1), Instant.now().minusSeconds(180));
        fleet.backfill(dir.resolve("data"), dir);
        prometheus = PrometheusServer.start(dir, "global: {scrape_interval: 1m}\nscrape_configs: []\n", dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    private record Result(int exit, String out, String err) {
    }

    /** Runs {@code plateau fleet} over the synthetic fleet; {@code overrides} replace or add options. */
    private static Result fleet(String... overrides) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--prometheus", prometheus.url().toString(),
                "--memory", "fleet_memory_bytes", "--work", "fleet_records_total", "--by", "instance",
                "--range", "24h", "--step", "1m", "--end", fleet.end().toString()));
        for (int i = 0; i < overrides.length; i++) {
            boolean flag = i + 1 == overrides.length || overrides[i + 1].startsWith("--");
            options.put(overrides[i], flag ? null : overrides[++i]);
        }
        List<String> args = new ArrayList<>(List.of("fleet"));
        options.forEach((k, v) -> {
            args.add(k);
            if (v != null) {
                args.add(v);
            }
        });
        return run(args);
    }

    private static Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void findsExactlyTheLeakingInstancesWithTheirSlopes() throws Exception {
        FleetSpec spec = new FleetSpec(prometheus.url(), Auth.none(), "fleet_memory_bytes", "fleet_records_total",
                List.of("instance"), Duration.ofHours(24), fleet.end(), Duration.ofMinutes(1), null, null, 4);
        FleetReport report = new Fleet(spec).run((phase, done, total) -> { }, null);

        Map<String, Double> found = new TreeMap<>();
        report.growing().forEach(r -> found.put(r.labels().get("instance"), r.slope()));
        Map<String, Double> truth = fleet.leaks();
        assertThat(found.keySet()).isEqualTo(truth.keySet());
        truth.forEach((name, slope) -> assertThat(found.get(name)).as(name).isCloseTo(slope, within(slope * 0.05)));
        assertThat(report.results()).hasSize(INSTANCES);
        double steepest = truth.values().stream().mapToDouble(d -> d).max().orElseThrow();
        assertThat(report.results().get(0).slope()).isCloseTo(steepest, within(steepest * 0.05));
        for (InstanceResult r : report.results()) {
            int i = Integer.parseInt(r.labels().get("instance").substring(1));
            assertThat(r.samples()).isEqualTo(1441);
            assertThat(r.segments()).as(r.name()).hasSize(fleet.restarts(i) ? 2 : 1);
            if (fleet.restarts(i)) {
                assertThat(r.segments().get(1).cause()).isEqualTo("counter reset");
                assertThat(r.segmentSummary()).isEqualTo("2 (1 restart)");
            }
        }
    }

    @Test
    void splitsARangeOverElevenThousandPointsIntoSeveralQueries() throws Exception {
        FleetSpec spec = new FleetSpec(prometheus.url(), Auth.none(), "fleet_memory_bytes", "fleet_records_total",
                List.of("instance"), Duration.ofHours(24), fleet.end(), Duration.ofSeconds(5), null, null, 3);
        assertThat(spec.plan().chunks()).hasSize(2);
        FleetReport report = new Fleet(spec).run((phase, done, total) -> { }, null);
        assertThat(report.results()).allSatisfy(r -> assertThat(r.samples()).isEqualTo(17_281));
        assertThat(report.growing()).extracting(r -> r.labels().get("instance"))
                .containsExactlyInAnyOrderElementsOf(fleet.leaks().keySet());
    }

    @Test
    void printsTheTableSortedBySlopeAndFailsOnGrowth() {
        Result r = fleet("--fail-on-growth");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).contains("instance", "segments", "samples", "peak", "final", "slope", "verdict");
        assertThat(lines.get(1)).contains("growing").contains("B/record");
        assertThat(r.out()).contains("20 instances, " + fleet.leaks().size() + " growing");
        String healthy = "{instance!~\"" + String.join("|", fleet.leaks().keySet()) + "\"}";
        Result healthyOnly = fleet("--fail-on-growth", "--memory", "fleet_memory_bytes" + healthy,
                "--work", "fleet_records_total" + healthy);
        assertThat(healthyOnly.exit()).as(healthyOnly.err()).isZero();
    }

    @Test
    void importsEachInstanceAsARunAndWritesCsv(@TempDir Path out) throws Exception {
        Result r = fleet("--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(out.resolve("fleet.csv"));
        assertThat(csv.get(0)).startsWith("instance,segments,samples,peak_bytes,final_bytes,slope,unit,verdict");
        assertThat(csv).hasSize(INSTANCES + 1);
        RunStore store = new RunStore(out);
        assertThat(store.list()).hasSize(INSTANCES);
        Run run = store.load(store.list().stream().filter(i -> i.label().equals("fleet instance=i0001")).findFirst()
                .orElseThrow().dir());
        assertThat(run.meta().path("source").asText()).isEqualTo("prometheus");
        assertThat(run.meta().path("labels").path("job").asText()).isEqualTo("synthetic");
        assertThat(run.table().size()).isEqualTo(1441);
        double[] records = run.column("records_in_total");
        assertThat(records[1440]).isGreaterThan(records[0]);
        assertThat(run.table().series("records_in_total").kind()).isEqualTo(dev.plateau.series.Kind.COUNTER);
    }

    @Nested
    class OneLineErrors {
        private void failsWith(Result r, String... parts) {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip().lines()).singleElement().asString().startsWith("plateau fleet: ").contains(parts);
        }

        @Test
        void refusedPort() throws Exception {
            int port = PrometheusServer.freePort();
            failsWith(run(List.of("fleet", "--prometheus", "http://127.0.0.1:" + port, "--preset", "plateau", "--range", "1h")),
                    "cannot reach Prometheus at http://127.0.0.1:" + port, "connection refused");
        }

        @Test
        void badQueryCarriesPrometheusOwnError() {
            failsWith(fleet("--memory", "rate(fleet_memory_bytes"), "--memory 'rate(fleet_memory_bytes'",
                    "Prometheus answered 400", "bad_data", "parse error");
        }

        @Test
        void rangeVectorSelectorIsRefused() {
            failsWith(fleet("--memory", "fleet_memory_bytes[5m]"), "400", "range vector");
        }

        @Test
        void noSeries() {
            failsWith(fleet("--work", "no_such_metric_total"), "--work 'no_such_metric_total' returned no series");
        }

        @Test
        void seriesWithoutTheByLabels() {
            failsWith(fleet("--by", "pod"), "--memory: 20 of 20 series lack the --by label(s) pod", "instance, job");
        }

        @Test
        void mismatchedInstancesAreListed() {
            failsWith(fleet("--work", "fleet_records_total{instance!~\"i0003|i0004\"}"),
                    "memory only: {instance=\"i0003\"} {instance=\"i0004\"}");
        }

        @Test
        void labelsThatDoNotTellInstancesApart() {
            failsWith(fleet("--by", "job"), "two series are both {job=\"synthetic\"}");
        }

        @Test
        void notFoundCarriesTheServerText() {
            failsWith(run(List.of("fleet", "--prometheus", prometheus.url() + "/not-here", "--preset", "plateau")),
                    "Prometheus answered 404", "404 page not found");
        }

        @Test
        void missingCredentialNamesTheVariableOnly() {
            failsWith(fleet("--bearer-token-env", "PLATEAU_TEST_NO_SUCH_TOKEN"),
                    "environment variable PLATEAU_TEST_NO_SUCH_TOKEN is not set");
        }

        @Test
        void unparsableThresholdNamesIt() {
            failsWith(fleet("--threshold", "banana"), "threshold: 'banana' is neither");
        }
    }

    @Test
    void urlMustBeHttp() {
        Result r = run(List.of("fleet", "--prometheus", "ftp://x", "--preset", "plateau"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("must be http(s)://");
    }
}
