package dev.plateau.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plateau.cli.Main;
import dev.plateau.runs.Run;
import dev.plateau.runs.RunInfo;
import dev.plateau.runs.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/** The {@code plateau} CLI run in-process against real target processes, and what the tests need around it. */
final class Plateau {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final Path runs;

    Plateau(Path runs) {
        this.runs = runs;
    }

    /** {@code plateau COMMAND --out RUNS ARGS...}; returns the exit code. */
    int run(String command, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(command, "--out", runs.toString()));
        all.addAll(List.of(args));
        return cl.execute(all.toArray(String[]::new));
    }

    Path runsRoot() {
        return runs;
    }

    /** The only run recorded. */
    Run onlyRun() throws IOException {
        List<RunInfo> list = new RunStore(runs).list();
        assertThat(list).hasSize(1);
        return new RunStore(runs).load(list.get(0).dir());
    }

    static String verdictOf(Run run, String metric) {
        for (JsonNode m : run.meta().path("summary").path("metrics")) {
            if (m.path("metric").asText().equals(metric)) {
                return m.path("verdict").asText();
            }
        }
        throw new AssertionError("no " + metric + " in " + run.meta().path("summary"));
    }

    /** The Python standard-library sink of the test resources. */
    static String sink() {
        try {
            return Path.of(Plateau.class.getResource("/targets/sink.py").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A scenario file: {@code requests} bursts of {@code lines}-line bodies at {@code rate}/s, 100 ms samples. */
    static Path scenario(Path dir, String name, int requests, int rate, int lines) throws IOException {
        Path f = dir.resolve(name + ".json");
        Files.writeString(f, """
                {"name": "%s", "sample_interval": "100ms", "settle_s": 0.5,
                 "bursts": [{"requests": %d, "rate": %d, "connections": 2, "lines": %d, "timeout": "20s"}]}
                """.formatted(name, requests, rate, lines));
        return f;
    }

    /** The java launcher running these tests, and their class path: Plateau itself as a separate JVM. */
    static String javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return "'" + java + "' -Xmx128m -cp '" + System.getProperty("java.class.path") + "' dev.plateau.cli.Main";
    }

    /** A Fluent Bit binary: $FLUENT_BIT, then fluent-bit on PATH, then ../shared/bin/fluent-bit-5.1.1. */
    static Optional<Path> fluentBit() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("FLUENT_BIT");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "fluent-bit"));
            }
        }
        candidates.add(Path.of("..", "shared", "bin", "fluent-bit-5.1.1"));
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toAbsolutePath);
    }
}
