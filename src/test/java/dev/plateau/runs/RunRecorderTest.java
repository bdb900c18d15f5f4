package dev.plateau.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.telemetry.Sample;
import dev.plateau.telemetry.SampleRing;
import dev.plateau.telemetry.Sampler;
import dev.plateau.telemetry.TestSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RunRecorder}: directory layout, incremental files that survive a crash, and the final run.json. */
class RunRecorderTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07.250Z");

    @TempDir
    Path root;

    private final EventLog events = new EventLog();
    private final Sampler sampler = new Sampler(() -> null, Duration.ofMillis(20), new SampleRing(1000),
            Clock.systemUTC());

    @AfterEach
    void stopSampler() {
        sampler.stop();
    }

    private RunRecorder recorder(String label, Clock clock) {
        return new RunRecorder(root, label, sampler, events, clock);
    }

    private static String localStamp(Instant t) {
        LocalDateTime l = LocalDateTime.ofInstant(t, ZoneId.systemDefault());
        return String.format("%04d%02d%02d-%02d%02d%02d", l.getYear(), l.getMonthValue(), l.getDayOfMonth(),
                l.getHour(), l.getMinute(), l.getSecond());
    }

    private static JsonNode json(Path dir) throws IOException {
        return RunFiles.JSON.readTree(dir.resolve("run.json").toFile());
    }

    @Test
    void directoryIsNamedByStartTimeAndSanitisedLabel() throws IOException {
        RunRecorder rec = recorder("seed before/1", Clock.fixed(T0, ZoneOffset.UTC));
        Path dir = rec.start();
        rec.finish();

        assertThat(dir.getParent()).isEqualTo(root);
        assertThat(dir.getFileName().toString()).isEqualTo(localStamp(T0) + "-seed_before_1");
        assertThat(dir.getFileName().toString()).matches("\\d{8}-\\d{6}-seed_before_1");
        assertThat(rec.label()).isEqualTo("seed_before_1");
        assertThat(RunRecorder.sanitize("  ")).isEqualTo("run");
        assertThat(RunRecorder.sanitize(null)).isEqualTo("run");
    }

    @Test
    void secondRunInTheSameSecondGetsASuffixInsteadOfOverwriting() throws IOException {
        Path first = recorder("x", Clock.fixed(T0, ZoneOffset.UTC)).start();
        Path second = recorder("x", Clock.fixed(T0, ZoneOffset.UTC)).start();

        assertThat(second).isNotEqualTo(first);
        assertThat(second.getFileName().toString()).isEqualTo(first.getFileName() + "-2");
    }

    @Test
    void runJsonIsWrittenAtStartAndCompletedAtFinish() throws IOException {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        RunRecorder rec = recorder("meta", clock).meta("collector", Map.of("buffer_chunk_size", 16384));
        Path dir = rec.start();

        JsonNode atStart = json(dir);
        assertThat(atStart.path("label").asText()).isEqualTo("meta");
        assertThat(atStart.path("started_at").asText()).isEqualTo(T0.toString());
        assertThat(atStart.get("ended_at").isNull()).isTrue();
        assertThat(atStart.path("collector").path("buffer_chunk_size").asInt()).isEqualTo(16384);
        assertThat(atStart.has("sample_count")).isFalse();

        rec.append(TestSamples.sample(T0.toEpochMilli() + 500, 9.0, 1, 100));
        rec.append(TestSamples.sample(T0.toEpochMilli() + 1500, 10.0, 2, 200));
        rec.summary(Map.of("verdict", "plateau"));
        rec.finish();

        JsonNode atEnd = json(dir);
        assertThat(atEnd.path("ended_at").asText()).isEqualTo(T0.toString());
        assertThat(atEnd.path("sample_count").asLong()).isEqualTo(2);
        assertThat(atEnd.path("summary").path("verdict").asText()).isEqualTo("plateau");
        assertThat(atEnd.path("collector").path("buffer_chunk_size").asInt()).isEqualTo(16384);
        assertThat(Files.exists(dir.resolve("run.json.tmp"))).isFalse();
        // elapsed_s counts from the start of the recording, not from the sampler's own start
        assertThat(SampleCsv.read(dir.resolve("samples.csv")).samples()).extracting(Sample::elapsedS).containsExactly(0.5, 1.5);
    }

    @Test
    void realSamplerRowsAndEventsAreOnDiskBeforeFinish() throws IOException {
        RunRecorder rec = new RunRecorder(root, "live", sampler, events);
        Path dir = rec.start();
        sampler.start();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> SampleCsv.read(dir.resolve("samples.csv")).samples().size() >= 3);
        events.emit(EventKind.POLICY, "shrink on");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> RunStore.readEvents(dir.resolve("events.csv")).stream()
                        .anyMatch(e -> e.kind() == EventKind.POLICY && e.message().equals("shrink on")));

        List<Sample> live = SampleCsv.read(dir.resolve("samples.csv")).samples();
        assertThat(live.get(0).rssBytes()).isPositive();
        assertThat(live.get(0).heapUsedBytes()).isPositive();
        assertThat(live).extracting(Sample::elapsedS).allMatch(e -> e >= 0 && e < 60).isSorted();

        Path finished = rec.finish();
        sampler.stop();

        Run run = new RunStore(root).load(finished);
        assertThat(run.samples()).hasSize((int) rec.samplesWritten()).hasSizeGreaterThanOrEqualTo(live.size());
        assertThat(run.events()).extracting(Event::kind)
                .containsSubsequence(EventKind.RUN, EventKind.POLICY, EventKind.RUN);
        assertThat(run.events().get(0).message()).contains("live started");
        assertThat(run.events().get(run.events().size() - 1).message()).contains("live finished");
        assertThat(json(dir).path("sample_count").asLong()).isEqualTo(run.samples().size());
    }

    @Test
    void eventsBeforeTheStartAreNotRecorded() throws IOException {
        events.emit(EventKind.INFO, "long before");
        RunRecorder rec = recorder("ev", Clock.systemUTC());
        Path dir = rec.start();
        rec.finish();

        assertThat(RunStore.readEvents(dir.resolve("events.csv"))).extracting(Event::message)
                .noneMatch(m -> m.equals("long before"))
                .hasSize(2);
    }

    @Test
    void aRunThatNeverFinishedIsStillLoadable() throws IOException {
        RunRecorder rec = recorder("crash", Clock.systemUTC());
        Path dir = rec.start();

        // killed before the first sample: header only
        Run empty = new RunStore(root).load(dir);
        assertThat(empty.samples()).isEmpty();
        assertThat(empty.endedAt()).isNull();

        long now = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            rec.append(TestSamples.sample(now + i * 100, i, i, 1000 * i));
        }
        events.emit(EventKind.BURST_START, "burst 1");
        rec.append(TestSamples.sample(now + 400, 4, 4, 4000));

        // nothing finished, nothing closed: what a crash leaves behind
        Run run = new RunStore(root).load(dir);
        assertThat(run.samples()).hasSize(4);
        assertThat(run.samples().get(3).connBufferBytes()).isEqualTo(4000);
        assertThat(run.endedAt()).isNull();
        assertThat(run.events()).extracting(Event::kind).contains(EventKind.BURST_START);
        RunInfo info = new RunStore(root).list().get(0);
        assertThat(info.finished()).isFalse();
        assertThat(info.sampleCount()).isEqualTo(4);
        rec.finish();
    }

    @Test
    void samplesAfterFinishAreIgnoredAndTheListenerIsRemoved() throws IOException {
        RunRecorder rec = recorder("stop", Clock.systemUTC());
        Path dir = rec.start();
        sampler.recordNow();
        sampler.recordNow();
        rec.finish();
        sampler.recordNow();
        rec.append(TestSamples.sample(System.currentTimeMillis(), 1, 1, 1));

        assertThat(SampleCsv.read(dir.resolve("samples.csv")).samples()).hasSize(2);
        assertThat(rec.samplesWritten()).isEqualTo(2);
    }

    @Test
    void lifecycleMisuseIsRefused() throws IOException {
        RunRecorder rec = recorder("life", Clock.systemUTC());
        assertThatThrownBy(rec::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
        Path dir = rec.start();
        assertThatThrownBy(rec::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
        assertThat(rec.finish()).isEqualTo(dir);
        assertThat(rec.finish()).as("finish twice returns the same directory").isEqualTo(dir);
    }

    @Test
    void closeFinishesAnUnfinishedRecording() throws IOException {
        Path dir;
        try (RunRecorder rec = recorder("closed", Clock.systemUTC())) {
            dir = rec.start();
        }
        assertThat(new RunStore(root).load(dir).endedAt()).isNotNull();
    }
}
