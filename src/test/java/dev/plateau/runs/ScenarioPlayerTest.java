package dev.plateau.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ScenarioPlayer} against a real embedded collector on an ephemeral port: files, events, progress, cancel. */
class ScenarioPlayerTest {
    @TempDir
    Path runs;

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    /** Two short bursts given out of start order (the player sorts them): 30 + 10 requests. */
    private static Scenario twoBursts() {
        return Scenario.parse("""
                {"name": "tiny", "description": "test",
                 "collector": {"buffer_chunk_size": "16K", "buffer_max_size": "1M"},
                 "policies": {"shrink": false, "reinit": false, "idle_timeout": "0s"},
                 "sample_interval": "50ms",
                 "bursts": [
                   {"at_s": 0.3, "requests": 10, "connections": 1, "lines": 5, "tag": "late"},
                   {"at_s": 0, "requests": 30, "rate": 60, "connections": 2, "lines": 5, "tag": "early"}
                 ],
                 "settle_s": 0.3}
                """, Path.of("."));
    }

    @Test
    void playRecordsARunWithBurstEventsProgressAndSummary() throws Exception {
        List<Double> fractions = new CopyOnWriteArrayList<>();
        EventLog log = new EventLog();
        ScenarioPlayer player = new ScenarioPlayer(twoBursts(), runs).events(log)
                .progress((f, m) -> fractions.add(f));

        ScenarioPlayer.Result r = player.play();

        // the run directory and its files
        Run run = r.run();
        assertThat(run.dir().getParent()).isEqualTo(runs);
        assertThat(run.dir().getFileName().toString()).matches("\\d{8}-\\d{6}-tiny");
        assertThat(run.dir().resolve("samples.csv")).isRegularFile();
        assertThat(run.dir().resolve("events.csv")).isRegularFile();
        assertThat(run.endedAt()).isNotNull();
        assertThat(run.samples()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(run.samples().get(run.samples().size() - 1).requestsTotal()).isEqualTo(40);
        assertThat(new RunStore(runs).list()).hasSize(1);

        // one start and one end per burst, recorded in events.csv
        assertThat(run.events()).filteredOn(e -> e.kind() == EventKind.BURST_START).hasSize(2);
        assertThat(run.events()).filteredOn(e -> e.kind() == EventKind.BURST_END).hasSize(2);
        assertThat(run.events()).extracting(Event::kind).containsSubsequence(EventKind.RUN, EventKind.BURST_START,
                EventKind.BURST_END, EventKind.RUN);

        // progress: from the bursts to 1.0, never backwards
        assertThat(fractions).isNotEmpty().isSorted();
        assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);

        // summary: the default metrics, in the result and in run.json
        assertThat(r.cancelled()).isFalse();
        assertThat(r.stats()).extracting(RunStats::metric).containsExactlyElementsOf(ScenarioPlayer.DEFAULT_METRICS);
        assertThat(r.stats()).allMatch(s -> s.samples() == run.samples().size());
        assertThat(r.reports()).hasSize(2);
        assertThat(r.reports().get(0).answered()).isEqualTo(30);
        assertThat(r.reports().get(1).answered()).isEqualTo(10);
        JsonNode summary = run.meta().path("summary");
        assertThat(summary.path("cancelled").asBoolean()).isFalse();
        assertThat(summary.path("metrics")).hasSize(4);
        assertThat(summary.path("metrics").get(0).path("metric").asText()).isEqualTo("conn_buffer_bytes");
        assertThat(summary.path("metrics").get(0).path("verdict").asText()).isNotEmpty();
        assertThat(run.meta().path("collector").path("buffer_chunk_size").asLong()).isEqualTo(16_000);
        assertThat(run.meta().path("scenario").path("name").asText()).isEqualTo("tiny");
        assertThat(run.meta().has("policies")).isTrue();
    }

    @Test
    void summaryPairsEachBurstReportWithItsOwnSpec() throws Exception {
        ScenarioPlayer.Result r = new ScenarioPlayer(twoBursts(), runs).play();

        JsonNode bursts = r.run().meta().path("summary").path("bursts");
        assertThat(bursts).hasSize(2);
        // the bursts start in at_s order; each report must sit next to the spec that produced it
        assertThat(bursts.get(0).path("spec").path("tag").asText()).isEqualTo("early");
        assertThat(bursts.get(0).path("answered").asInt()).isEqualTo(30);
        assertThat(bursts.get(1).path("spec").path("tag").asText()).isEqualTo("late");
        assertThat(bursts.get(1).path("answered").asInt()).isEqualTo(10);
    }

    @Test
    void chosenMetricsAreSummarisedAndUnknownOnesRefusedUpFront() throws Exception {
        // ~1 s of steady load sampled every 50 ms: enough points after warm-up for a fit
        Scenario steady = Scenario.parse("""
                {"name": "steady", "sample_interval": "50ms", "settle_s": 0,
                 "bursts": [{"requests": 40, "rate": 40, "connections": 1, "lines": 5}]}
                """, Path.of("."));
        ScenarioPlayer player = new ScenarioPlayer(steady, runs);
        assertThatThrownBy(() -> player.metrics(List.of("conn_buffer_bytes", "rss")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown metric 'rss'");

        // judged against the collector's own counter (the default is the load generator's load_answered_total)
        ScenarioPlayer.Result r = player.metrics(List.of("requests_total")).trend(new Trend(0.5))
                .work(new Work(Per.REQUEST, "requests_total")).play();

        assertThat(r.stats()).singleElement().satisfies(s -> {
            assertThat(s.metric()).isEqualTo("requests_total");
            assertThat(s.unit()).isEqualTo("/req");
            assertThat(s.slope()).isEqualTo(1.0);
            assertThat(s.verdict()).isEqualTo(Verdict.GROWING);
        });
        assertThat(r.anyGrowing()).isTrue();
        assertThat(r.run().meta().path("summary").path("threshold").path("bytes_per_unit").asDouble()).isEqualTo(0.5);
    }

    @Test
    void smallBeforeScenarioFileIsPlayable() throws Exception {
        // small-before itself takes ~12 s: keep its collector and burst shape but 60 requests and no settle time
        String json = Files.readString(Path.of("samples/scenarios/small-before.json"))
                .replace("\"requests\": 400", "\"requests\": 60").replace("\"settle_s\": 1.5", "\"settle_s\": 0");
        ScenarioPlayer.Result r = new ScenarioPlayer(Scenario.parse(json, Path.of("samples/scenarios")), runs).play();

        assertThat(r.run().label()).isEqualTo("small-before");
        assertThat(r.reports()).singleElement().satisfies(b -> assertThat(b.answered()).isEqualTo(60));
        assertThat(r.run().samples().get(r.run().samples().size() - 1).connOpen())
                .as("abandoned connections are still open at the last sample").isGreaterThan(2);
    }

    /** The largest {@code requests_2xx_total} recorded so far under {@code root} (0 before the first row). */
    private static double answeredSoFar(Path root) throws java.io.IOException {
        double most = 0;
        try (var dirs = Files.list(root)) {
            for (Path d : dirs.toList()) {
                Path csv = d.resolve(RunFiles.SAMPLES);
                if (Files.isRegularFile(csv)) {
                    var table = SampleCsv.read(csv);
                    if (table.has("requests_2xx_total")) {
                        for (double v : table.column("requests_2xx_total")) {
                            most = Math.max(most, v);
                        }
                    }
                }
            }
        }
        return most;
    }

    @Test
    void cancelStopsALongScenarioPromptlyAndKeepsTheRun() throws Exception {
        Scenario longOne = Scenario.parse("""
                {"name": "long", "sample_interval": "50ms",
                 "bursts": [{"at_s": 0, "requests": 100000, "rate": 20, "connections": 1, "lines": 5},
                            {"at_s": 600, "requests": 1}],
                 "settle_s": 600}
                """, Path.of("."));
        CountDownLatch someAnswered = new CountDownLatch(1);
        AtomicLong calls = new AtomicLong();
        // the bar moves with time as well as requests, so wait for the text's request count, not for f > 0
        Pattern completed = Pattern.compile("bursts: (\\d+)/\\d+ requests completed$");
        ScenarioPlayer player = new ScenarioPlayer(longOne, runs).progress((f, m) -> {
            calls.incrementAndGet();
            Matcher done = completed.matcher(m);
            if (done.find() && Long.parseLong(done.group(1)) > 0) {
                someAnswered.countDown();
            }
        });

        Future<ScenarioPlayer.Result> play = executor.submit(player::play);
        assertThat(someAnswered.await(20, TimeUnit.SECONDS)).as("requests were answered").isTrue();
        // progress moves with time alone: wait until the recording (complete rows only) shows an answered request
        org.awaitility.Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> answeredSoFar(runs) > 0);
        long callsAtCancel = calls.get();
        long cancelledAt = System.nanoTime();
        player.cancel();
        ScenarioPlayer.Result r = play.get(10, TimeUnit.SECONDS);
        double stopS = (System.nanoTime() - cancelledAt) / 1e9;

        assertThat(player.isCancelled()).isTrue();
        assertThat(r.cancelled()).isTrue();
        assertThat(stopS).as("seconds from cancel() to the end of play()").isLessThan(5);
        assertThat(calls.get() - callsAtCancel).as("progress calls after cancel (no busy loop)").isLessThan(100);
        assertThat(r.reports()).hasSize(1);
        assertThat(r.reports().get(0).answered()).isBetween(1L, 99_999L);
        assertThat(r.run().endedAt()).isNotNull();
        assertThat(r.run().meta().path("summary").path("cancelled").asBoolean()).isTrue();
        assertThat(r.run().events()).anyMatch(e -> e.kind() == EventKind.RUN && e.message().contains("cancelled"));
    }
}
