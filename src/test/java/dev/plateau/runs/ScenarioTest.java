package dev.plateau.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Scenario}: the shipped scenario files parse, and every mistake is named by its JSON path. */
class ScenarioTest {
    private static final Path SCENARIOS = Path.of("samples/scenarios");

    @TempDir
    Path dir;

    static Stream<Path> shippedScenarios() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            List<Path> json = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(json).hasSizeGreaterThanOrEqualTo(6);
            return json.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedScenarios")
    void shippedScenarioParses(Path file) throws IOException {
        Scenario s = Scenario.load(file);

        assertThat(file.getFileName().toString()).isEqualTo(s.name() + ".json");
        assertThat(s.bursts()).isNotEmpty();
        assertThat(s.plannedRequests()).isPositive();
        assertThat(s.collector().port()).isZero();
        assertThat(s.description()).isNotBlank();
        assertThat(s.source().path("name").asText()).isEqualTo(s.name());
        assertThat(s.collectorJson()).containsKeys("buffer_chunk_size", "shrink", "reinit", "idle_timeout");
    }

    @Test
    void smallBeforeHasTheDocumentedSettings() throws IOException {
        Scenario s = Scenario.load(SCENARIOS.resolve("small-before.json"));

        assertThat(s.collector().bufferChunkSize()).isEqualTo(16_000);
        assertThat(s.collector().bufferMaxSize()).isEqualTo(1_000_000);
        assertThat(s.collector().shrink()).isFalse();
        assertThat(s.collector().reinit()).isFalse();
        assertThat(s.sampleInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.settleS()).isEqualTo(1.5);
        ScenarioBurst b = s.bursts().get(0);
        assertThat(b.requests()).isEqualTo(400);
        assertThat(b.rate()).isEqualTo(40);
        assertThat(b.connections()).isEqualTo(2);
        assertThat(b.reconnectEvery()).isEqualTo(3);
        assertThat(b.abandon()).isTrue();
        assertThat(b.lines()).isEqualTo(30);
        assertThat(b.tag()).isEqualTo("app.logs");
        assertThat(b.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    private static Scenario parse(String json) {
        return Scenario.parse(json, Path.of("."));
    }

    private static String withBursts(String bursts) {
        return "{\"name\": \"t\", \"bursts\": [" + bursts + "]}";
    }

    @Test
    void minimalScenarioGetsDefaults() {
        Scenario s = parse(withBursts("{\"requests\": 5}"));

        assertThat(s.sampleInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.settleS()).isEqualTo(5);
        assertThat(s.description()).isEmpty();
        ScenarioBurst b = s.bursts().get(0);
        assertThat(b.atS()).isZero();
        assertThat(b.connections()).isEqualTo(1);
        assertThat(b.lines()).isEqualTo(10);
        assertThat(b.tag()).isNull();
        assertThat(b.payload()).isNull();
    }

    @Test
    void collectorProfileSetsItsDefaultsAndPoliciesTrimIsLive() {
        Scenario s = parse("{\"name\": \"t\", \"collector\": {\"profile\": \"fluent-bit-4\"},"
                + " \"policies\": {\"trim\": true}, \"bursts\": [{\"requests\": 1}]}");
        assertThat(s.collector().profile()).isEqualTo(dev.plateau.collector.Profile.FLUENT_BIT_4);
        assertThat(s.collector().bufferModel()).isEqualTo(dev.plateau.collector.BufferModel.LEGACY);
        assertThat(s.collector().idleTimeout()).isZero();
        assertThat(s.collector().trim()).isTrue();
        assertThat(s.collectorJson()).containsEntry("profile", "fluent-bit-4").containsEntry("trim", true);
        assertThatThrownBy(() -> parse("{\"name\": \"t\", \"policies\": {\"profile\": \"fluent-bit-4\"},"
                + " \"bursts\": [{\"requests\": 1}]}")).hasMessageStartingWith("policies.profile");
    }

    @Test
    void burstsAreSortedByStartTime() {
        Scenario s = parse(withBursts("{\"at_s\": 5, \"requests\": 1}, {\"at_s\": 0.5, \"requests\": 2}"));
        assertThat(s.bursts()).extracting(ScenarioBurst::atS).containsExactly(0.5, 5.0);
        assertThat(s.plannedRequests()).isEqualTo(3);
    }

    @Test
    void invalidBurstFieldIsNamedWithItsIndex() {
        assertThatThrownBy(() -> parse(withBursts("{\"requests\": 5}, {\"requests\": 0}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bursts[1].requests: must be >= 1, was 0");
        assertThatThrownBy(() -> parse(withBursts("{\"requests\": 5, \"connections\": 0}")))
                .hasMessage("bursts[0].connections: must be 1-10000, was 0");
        assertThatThrownBy(() -> parse(withBursts("{\"requests\": 5, \"abandon\": true}")))
                .hasMessage("bursts[0].abandon: needs reconnect_every > 0");
        assertThatThrownBy(() -> parse(withBursts("{\"requests\": 5, \"rate\": 10, \"delay_ms\": 5}")))
                .hasMessageStartingWith("bursts[0].delay_ms and rate:");
        assertThatThrownBy(() -> parse(withBursts("{\"requests\": 5, \"at_s\": -1}")))
                .hasMessage("bursts[0].at_s: must be >= 0 seconds, was -1.0");
        assertThatThrownBy(() -> parse(withBursts("{\"requests\": 2.5}")))
                .hasMessage("bursts[0].requests: must be a whole number, was 2.5");
        assertThatThrownBy(() -> parse(withBursts("{\"connections\": 2}")))
                .hasMessage("bursts[0].requests: is required");
        assertThatThrownBy(() -> parse(withBursts("{\"requests\": 1, \"abandon\": \"yes\"}")))
                .hasMessage("bursts[0].abandon: must be true or false, was \"yes\"");
        assertThatThrownBy(() -> parse(withBursts("{\"requests\": 1, \"timeout\": \"soon\"}")))
                .hasMessageStartingWith("bursts[0].timeout: ");
        assertThatThrownBy(() -> parse(withBursts("7"))).hasMessage("bursts[0]: must be an object");
    }

    @Test
    void unknownFieldsAreRejectedEverywhere() {
        assertThatThrownBy(() -> parse("{\"name\": \"t\", \"setle_s\": 1, \"bursts\": [{\"requests\": 1}]}"))
                .hasMessageStartingWith("setle_s: unknown field (known: ").hasMessageContaining("settle_s");
        assertThatThrownBy(() -> parse("{\"name\": \"t\", \"collector\": {\"chunk\": \"1M\"}, \"bursts\": [{\"requests\": 1}]}"))
                .hasMessageStartingWith("collector.chunk: unknown field").hasMessageContaining("buffer_chunk_size");
        assertThatThrownBy(() -> parse("{\"name\": \"t\", \"policies\": {\"shrunk\": true}, \"bursts\": [{\"requests\": 1}]}"))
                .hasMessageStartingWith("policies.shrunk: unknown field");
        assertThatThrownBy(() -> parse(withBursts("{\"requests\": 1}, {\"requests\": 1, \"conections\": 2}")))
                .hasMessageStartingWith("bursts[1].conections: unknown field").hasMessageContaining("connections");
    }

    @Test
    void collectorAndPolicyMistakesAreNamed() {
        assertThatThrownBy(() -> parse("{\"name\": \"t\", \"collector\": {\"buffer_chunk_size\": \"lots\"}, \"bursts\": [{\"requests\": 1}]}"))
                .hasMessageStartingWith("collector.buffer_chunk_size: ");
        assertThatThrownBy(() -> parse("{\"name\": \"t\", \"collector\": {\"buffer_chunk_size\": \"2M\", \"buffer_max_size\": \"1M\"}, \"bursts\": [{\"requests\": 1}]}"))
                .hasMessageStartingWith("collector.buffer_chunk_size");
        assertThatThrownBy(() -> parse("{\"name\": \"t\", \"policies\": {\"shrink\": 1}, \"bursts\": [{\"requests\": 1}]}"))
                .hasMessage("policies.shrink: must be true or false, was 1");
        assertThatThrownBy(() -> parse("{\"name\": \"t\", \"policies\": {\"idle_timeout\": \"forever\"}, \"bursts\": [{\"requests\": 1}]}"))
                .hasMessageStartingWith("policies.idle_timeout: ");
        assertThatThrownBy(() -> parse("{\"name\": \"t\", \"collector\": 3, \"bursts\": [{\"requests\": 1}]}"))
                .hasMessage("collector: must be an object");
    }

    @Test
    void topLevelMistakesAreNamed() {
        assertThatThrownBy(() -> parse("{\"bursts\": [{\"requests\": 1}]}")).hasMessageStartingWith("name: ");
        assertThatThrownBy(() -> parse("{\"name\": \"a b\", \"bursts\": [{\"requests\": 1}]}"))
                .hasMessage("name: letters, digits, '_', '.', '-' only, was 'a b'");
        assertThatThrownBy(() -> parse("{\"name\": \"t\", \"bursts\": []}")).hasMessage("bursts: give at least one burst");
        assertThatThrownBy(() -> parse("{\"name\": \"t\"}")).hasMessage("bursts: must be a list of bursts");
        assertThatThrownBy(() -> parse("{\"name\": \"t\", \"settle_s\": -2, \"bursts\": [{\"requests\": 1}]}"))
                .hasMessage("settle_s: must be >= 0 seconds, was -2.0");
        assertThatThrownBy(() -> parse("{\"name\": \"t\", \"settle_s\": \"2\", \"bursts\": [{\"requests\": 1}]}"))
                .hasMessage("settle_s: must be a number, was \"2\"");
        assertThatThrownBy(() -> parse("{\"name\": \"t\", \"sample_interval\": \"1ms\", \"bursts\": [{\"requests\": 1}]}"))
                .hasMessageStartingWith("sample_interval: must be >= 10ms");
        assertThatThrownBy(() -> parse("{\"name\": ")).hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> parse("[1]")).hasMessage("a scenario must be a JSON object");
    }

    @Test
    void payloadResolvesAgainstTheScenarioFileAndMustExist() throws IOException {
        Files.writeString(dir.resolve("body.json"), "[{\"log\": \"x\"}]");
        Path file = dir.resolve("p.json");
        Files.writeString(file, withBursts("{\"requests\": 1, \"payload\": \"body.json\"}"));

        assertThat(Scenario.load(file).bursts().get(0).payload()).isEqualTo(dir.resolve("body.json").toAbsolutePath());

        Files.writeString(file, withBursts("{\"requests\": 1, \"payload\": \"missing.json\"}"));
        assertThatThrownBy(() -> Scenario.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": bursts[0].payload: no such file");
    }

    @Test
    void missingFileIsAnIoErrorNamingIt() {
        Path file = dir.resolve("nope.json");
        assertThatThrownBy(() -> Scenario.load(file)).isInstanceOf(IOException.class).hasMessage("no scenario file " + file);
    }
}
