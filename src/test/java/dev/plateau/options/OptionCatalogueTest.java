package dev.plateau.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plateau.cli.CatalogueFlags;
import dev.plateau.cli.Main;
import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.CollectorOption;
import dev.plateau.collector.CollectorOptions;
import dev.plateau.collector.config.FluentBitConfig;
import dev.plateau.events.EventLog;
import dev.plateau.runs.Scenario;
import dev.plateau.telemetry.MonitorServer;
import dev.plateau.telemetry.SampleRing;
import dev.plateau.telemetry.Sampler;
import dev.plateau.ui.common.BackgroundTasks;
import dev.plateau.ui.main.CollectorViewModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every option of {@link CollectorOptions} is accepted, under its catalogue name and with its catalogue parser,
 * by each surface: {@code plateau collect} flags, a Fluent Bit config file, scenario JSON and (live options)
 * {@code /api/v1/policies} and the console's fields. Each option is set to a value other than its default, so an
 * option a surface ignored would fail here.
 */
class OptionCatalogueTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<CollectorOption<?>> options() {
        return CollectorOptions.ALL.stream();
    }

    /** A valid value other than the default (the default itself where the type has no other safe value). */
    @SuppressWarnings("unchecked")
    static <T> T sample(CollectorOption<T> o) {
        Object d = o.defaultValue();
        List<Object> candidates = new ArrayList<>();
        if (d instanceof Boolean b) {
            candidates.add(!b);
        } else if (d instanceof Enum<?> e) {
            candidates.addAll(List.of(e.getDeclaringClass().getEnumConstants()));
        } else if (d instanceof Long l) {
            candidates.addAll(List.of(l * 2, l + 1000));
        } else if (d instanceof Integer i) {
            candidates.addAll(List.of(i + 1, 200, 2));
        } else if (d instanceof Duration t) {
            candidates.add(t.plusSeconds(1));
        } else if (d instanceof List<?>) {
            candidates.add(List.of(CollectorConfig.Header.parse("X-Sample 1")));
        } else {
            candidates.addAll(List.of("file:/tmp/sample", "sample"));
        }
        for (Object c : candidates) {
            try {
                o.validate((T) c);
                if (!Objects.equals(c, d)) {
                    return (T) c;
                }
            } catch (IllegalArgumentException rejected) {
                // try the next
            }
        }
        throw new AssertionError(o + ": no sample value");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    <T> void everyOptionIsAFlagOfCollect(CollectorOption<T> o) {
        T v = sample(o);
        CommandLine.ParseResult r = Main.commandLine().parseArgs("collect", o.flag(), o.type().format(v));
        CollectorConfig.Builder b = CollectorConfig.builder();
        CatalogueFlags.apply(r.subcommand(), b, w -> { });
        assertThat(o.get(b.build())).isEqualTo(v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    <T> void everyOptionIsAFluentBitKey(CollectorOption<T> o, @TempDir Path dir) throws Exception {
        T v = sample(o);
        String service = "[SERVICE]\n    HTTP_Server On\n";
        String input = "[INPUT]\n    Name http\n";
        String output = "[OUTPUT]\n    Name " + (o.fileKey() == null ? "file\n    Path /tmp\n    File sample" : plugin(o))
                + "\n    Match *\n";
        if (o.fileKey() != null) {
            String line = "    " + o.fileKey() + " " + o.type().format(v) + "\n";
            switch (o.section()) {
                case SERVICE -> service += line;
                case INPUT -> input += line;
                case OUTPUT -> output += line;
            }
        }
        Path file = dir.resolve("fluent-bit.conf");
        Files.writeString(file, service + input + output);
        FluentBitConfig fb = FluentBitConfig.load(file, Map.of());
        assertThat(o.get(fb.builder().build())).isEqualTo(o.fileKey() == null ? "file:/tmp/sample" : v);
        assertThat(fb.warnings()).noneMatch(w -> w.contains("unknown"));
    }

    private static String plugin(CollectorOption<?> o) {
        return o == CollectorOptions.OUTPUT_COMPRESS ? "http" : o == CollectorOptions.FILE_FORMAT ? "file" : "null";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    <T> void everyScenarioOptionIsScenarioJson(CollectorOption<T> o) throws Exception {
        T v = sample(o);
        String json = "{\"name\": \"s\", \"" + (o.live() ? "policies" : "collector") + "\": {\"" + o.name() + "\": "
                + JSON.writeValueAsString(o.type().toJson(v)) + "}, \"bursts\": [{\"requests\": 1}]}";
        if (o.inScenario()) {
            assertThat(o.get(Scenario.parse(json, Path.of(".")).collector())).isEqualTo(v);
        } else {
            assertThatThrownBy(() -> Scenario.parse(json, Path.of("."))).hasMessageContaining("unknown field");
        }
    }

    @Test
    void liveOptionsAreThePoliciesEndpointAndTheConsoleFields() throws Exception {
        Collector collector = new Collector(CollectorConfig.builder().port(0).build(), new EventLog());
        Sampler sampler = new Sampler(() -> null, Duration.ofMillis(250), new SampleRing(16), Clock.systemUTC());
        MonitorServer monitor = new MonitorServer(() -> collector, sampler, "127.0.0.1", 0);
        monitor.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + monitor.address().getPort() + "/api/v1/policies");
            for (CollectorOption<?> o : CollectorOptions.ALL) {
                Object v = sample(o);
                String body = "{\"" + o.name() + "\": " + JSON.writeValueAsString(toJson(o, v)) + "}";
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (o.live()) {
                    assertThat(r.statusCode()).as(o.name()).isEqualTo(200);
                    assertThat(collector.policies().get(o)).as(o.name()).isEqualTo(v);
                    assertThat(JSON.readTree(r.body()).has(o.name())).isTrue();
                } else {
                    assertThat(r.statusCode()).as(o.name()).isEqualTo(400);
                }
            }
        } finally {
            monitor.stop();
        }
        CollectorViewModel console = new CollectorViewModel(CollectorConfig.builder().build(), new EventLog(),
                new BackgroundTasks());
        assertThat(console.liveFields().keySet()).containsExactlyElementsOf(CollectorOptions.live());
        for (CollectorOption<?> o : CollectorOptions.live()) {
            Object v = sample(o);
            console.liveFields().get(o).set(v);
            assertThat(o.get(console.config())).isEqualTo(v);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Object toJson(CollectorOption<T> o, Object v) {
        return o.type().toJson((T) v);
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        java.io.StringWriter out = new java.io.StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.execute("collect", "--help");
        String help = out.toString().replaceAll("\\s+", " ");
        for (CollectorOption<?> o : CollectorOptions.ALL) {
            assertThat(help).contains(o.flag()).contains("(default: " + o.describeDefault() + ")");
        }
    }
}
