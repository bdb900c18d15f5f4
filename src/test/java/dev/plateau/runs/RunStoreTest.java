package dev.plateau.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plateau.events.EventLog;
import dev.plateau.telemetry.SampleRing;
import dev.plateau.telemetry.Sampler;
import dev.plateau.telemetry.TestSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RunStore}: listing newest first, and loads that name the missing or corrupt file. */
class RunStoreTest {
    @TempDir
    Path root;

    private final EventLog events = new EventLog();
    private final Sampler sampler = new Sampler(() -> null, Duration.ofMillis(50), new SampleRing(100),
            Clock.systemUTC());

    private Path record(String label, Instant at, int samples) throws IOException {
        RunRecorder rec = new RunRecorder(root, label, sampler, events, Clock.fixed(at, ZoneOffset.UTC));
        Path dir = rec.start();
        for (int i = 0; i < samples; i++) {
            rec.append(TestSamples.sample(at.toEpochMilli() + i * 250L, i * 0.25, i, 1000));
        }
        rec.finish();
        return dir;
    }

    @Test
    void listIsNewestFirstWithLabelsAndCounts() throws IOException {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        record("oldest", t, 3);
        record("newest", t.plusSeconds(7200), 5);
        record("middle", t.plusSeconds(3600), 4);

        var list = new RunStore(root).list();

        assertThat(list).extracting(RunInfo::label).containsExactly("newest", "middle", "oldest");
        assertThat(list).extracting(RunInfo::sampleCount).containsExactly(5L, 4L, 3L);
        assertThat(list).allMatch(RunInfo::finished);
        assertThat(list.get(0).startedAt()).isEqualTo(t.plusSeconds(7200));
        assertThat(list.get(0).dir().getFileName().toString()).endsWith("-newest");
    }

    @Test
    void listSkipsDirectoriesThatAreNotRunsOrAreCorrupt() throws IOException {
        record("good", Instant.parse("2026-01-01T10:00:00Z"), 2);
        Files.createDirectories(root.resolve("not-a-run"));
        Path corrupt = Files.createDirectories(root.resolve("20260101-000000-corrupt"));
        Files.writeString(corrupt.resolve("run.json"), "{\"label\": ");
        Path noTime = Files.createDirectories(root.resolve("20260101-000001-notime"));
        Files.writeString(noTime.resolve("run.json"), "{\"label\": \"x\", \"started_at\": \"yesterday\"}");
        Files.writeString(root.resolve("stray.txt"), "hello");

        assertThat(new RunStore(root).list()).extracting(RunInfo::label).containsExactly("good");
    }

    @Test
    void listOfAMissingRootIsEmpty() throws IOException {
        assertThat(new RunStore(root.resolve("nothing-here")).list()).isEmpty();
    }

    @Test
    void loadReturnsSamplesEventsAndMeta() throws IOException {
        Instant t = Instant.parse("2026-02-02T12:00:00Z");
        Path dir = record("full", t, 6);

        Run run = new RunStore(root).load(dir);

        assertThat(run.label()).isEqualTo("full");
        assertThat(run.startedAt()).isEqualTo(t);
        assertThat(run.endedAt()).isEqualTo(t);
        assertThat(run.samples()).hasSize(6);
        assertThat(run.column("requests_total")).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(run.column("elapsed_s")).containsExactly(0, 0.25, 0.5, 0.75, 1.0, 1.25);
        assertThat(run.events()).hasSize(2);
        assertThat(run.events().get(0).seq()).isEqualTo(1);
        assertThat(run.meta().path("sample_count").asInt()).isEqualTo(6);
        assertThatThrownBy(() -> run.column("rss")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown metric 'rss'").hasMessageContaining("rss_bytes");
    }

    @Test
    void loadOfAMissingDirectoryNamesIt() {
        Path dir = root.resolve("20990101-000000-ghost");
        assertThatThrownBy(() -> new RunStore(root).load(dir)).isInstanceOf(IOException.class)
                .hasMessage("no run directory " + dir);
    }

    @Test
    void loadWithoutRunJsonNamesTheFile() throws IOException {
        Path dir = Files.createDirectories(root.resolve("empty"));
        assertThatThrownBy(() -> new RunStore(root).load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("missing file " + dir.resolve("run.json"));
    }

    @Test
    void loadOfCorruptRunJsonNamesTheFile() throws IOException {
        Path dir = record("bad-json", Instant.parse("2026-01-01T00:00:00Z"), 1);
        Files.writeString(dir.resolve("run.json"), "{\"label\": \"x\",");
        assertThatThrownBy(() -> new RunStore(root).load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt file " + dir.resolve("run.json"));

        Files.writeString(dir.resolve("run.json"), "[1, 2]");
        assertThatThrownBy(() -> new RunStore(root).load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void loadOfCorruptSamplesNamesFileRowAndColumn() throws IOException {
        Path dir = record("bad-csv", Instant.parse("2026-01-01T00:00:00Z"), 3);
        Path csv = dir.resolve("samples.csv");
        String text = Files.readString(csv);
        assertThat(text).containsOnlyOnce(",0.500,");
        Files.writeString(csv, text.replace(",0.500,", ",abc,"));

        assertThatThrownBy(() -> new RunStore(root).load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining("row 3")
                .hasMessageContaining("column elapsed_s")
                .hasMessageContaining("'abc'");
    }

    @Test
    void loadWithoutSamplesOrEventsNamesTheMissingFile() throws IOException {
        Path dir = record("no-files", Instant.parse("2026-01-01T00:00:00Z"), 1);
        Files.delete(dir.resolve("events.csv"));
        assertThatThrownBy(() -> new RunStore(root).load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("missing file " + dir.resolve("events.csv"));
        Files.delete(dir.resolve("samples.csv"));
        assertThatThrownBy(() -> new RunStore(root).load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("missing file " + dir.resolve("samples.csv"));
    }

    @Test
    void unknownEventKindNamesEventsFileAndRow() throws IOException {
        Path dir = record("bad-event", Instant.parse("2026-01-01T00:00:00Z"), 1);
        Path file = dir.resolve("events.csv");
        Files.writeString(file, Files.readString(file) + "1767225600000,0.000,EXPLOSION,boom\r\n");

        assertThatThrownBy(() -> new RunStore(root).load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt file " + file)
                .hasMessageContaining("row 3")
                .hasMessageContaining("EXPLOSION");
    }
}
