package dev.plateau.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plateau.allocations.AllocationRun;
import dev.plateau.allocations.At;
import dev.plateau.allocations.HeaptrackMissingException;
import dev.plateau.allocations.HeaptrackProfile;
import dev.plateau.allocations.Wrappers;
import dev.plateau.runs.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plateau soak --profile heaptrack} with real processes under real heaptrack: the Python sink of the target
 * tests (the wiring: RSS of heaptrack's forked child, allocation data in the run folder, the sites table printed),
 * and with a Fluent Bit binary the seed-like held scenario, whose top held site is in the HTTP server session path.
 * Skipped with a message without heaptrack or without a Fluent Bit binary.
 */
class HeaptrackSoakTest {
    @TempDir
    Path runs;
    @TempDir
    Path scenarios;

    @Test
    void soak_profileHeaptrack_recordsAllocationsOfTheForkedTargetAndPrintsItsSites() throws IOException {
        heaptrack();
        Plateau plateau = new Plateau(runs);
        int rc = plateau.run("soak", "--scenario", Plateau.scenario(scenarios, "sink-keep", 60, 40, 1000).toString(),
                "--quiet", "--profile", "heaptrack", "--ready-timeout", "60",
                "--target-command", "'" + python() + "' '" + Plateau.sink() + "' {port} keep",
                "--target-url", "http://127.0.0.1:{port}/");
        System.out.print(plateau.out);

        assertThat(rc).as(plateau.err.toString()).isZero();
        Run run = plateau.onlyRun();
        assertThat(run.dir().resolve("allocations.json")).isRegularFile();
        assertThat(run.dir().resolve("heap.csv")).isRegularFile();
        assertThat(HeaptrackProfile.rawFile(run.dir()).getFileName().toString()).startsWith("heaptrack.python3.");
        long pid = run.meta().path("target").path("pid").asLong();
        assertThat(Files.readString(run.dir().resolve("allocations.json"))).contains("\"target_pid\" : " + pid);
        assertThat(run.meta().path("target").path("resolved_command").get(0).asText()).endsWith("heaptrack");
        assertThat(plateau.out.toString()).contains("target_rss_bytes").contains("held at end").contains("live heap");
        assertThat(java.util.Arrays.stream(run.column("target_rss_bytes")).max().orElse(0))
                .as("RSS of python itself, not of heaptrack's shell script").isGreaterThan(8_000_000);
        assertThat(AllocationRun.load(run.dir()).top(At.END, 1, Wrappers.DEFAULT).get(0).heldBytes())
                .as("the kept bodies (60 × ~100 KB), held when the sink was killed").isGreaterThan(3_000_000L);
    }

    /** The python3 binary itself: a launcher script in front of it (pyenv's shim) would be what heaptrack sees. */
    private static String python() throws IOException {
        Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
        return new String(p.getInputStream().readAllBytes()).strip();
    }

    @Test
    void experiment_profileHeaptrack_eachVariantHasItsSites_keepHoldsTheBodiesDropDoesNot() throws IOException {
        heaptrack();
        Plateau plateau = new Plateau(runs);
        String sink = "'" + python() + "' '" + Plateau.sink() + "' {port} ";
        int rc = plateau.run("experiment", "--scenario", Plateau.scenario(scenarios, "sink", 40, 40, 1000).toString(),
                "--profile", "heaptrack", "--ready-timeout", "60", "--variant", "keep=" + sink + "keep",
                "--variant", "drop=" + sink + "drop", "--target-url", "http://127.0.0.1:{port}/");
        System.out.print(plateau.out);

        assertThat(rc).as(plateau.err.toString()).isZero();
        java.util.Map<String, Long> held = new java.util.HashMap<>();
        for (dev.plateau.runs.RunInfo info : new dev.plateau.runs.RunStore(runs).list()) {
            AllocationRun a = AllocationRun.load(info.dir());
            held.put(info.dir().getFileName().toString().replaceAll(".*-", ""), a.report().leakedBytes());
        }
        assertThat(held).containsOnlyKeys("keep", "drop");
        assertThat(held.get("keep")).isGreaterThan(2_000_000L).isGreaterThan(3 * held.get("drop"));
        assertThat(plateau.out.toString().split("held at end", -1)).hasSize(3);
    }

    @Test
    void soak_scenarioTargetAsksForHeaptrackButNoneOnPath_isOneLineHowToInstallWithExit2() throws Exception {
        Path scenario = scenarios.resolve("s.json");
        Files.writeString(scenario, """
                {"name": "s", "bursts": [{"requests": 1}],
                 "target": {"command": "python3 -c pass", "url": "http://127.0.0.1:{port}/", "profile": "heaptrack"}}
                """);
        // Plateau as a separate JVM whose PATH holds no heaptrack
        java.util.List<String> cmd = new java.util.ArrayList<>(TargetSpec.split(Plateau.javaCommand()));
        cmd.addAll(java.util.List.of("soak", "--scenario", scenario.toString(), "--out", runs.toString(), "--quiet"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", scenarios.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).startsWith("plateau soak: heaptrack is not installed").contains("apt-get install heaptrack")
                .doesNotContain("\n");
    }

    @Test
    void soak_unknownProfileOrProfileWithoutTarget_exit2() throws IOException {
        Plateau plateau = new Plateau(runs);
        int rc = plateau.run("soak", "--scenario", Plateau.scenario(scenarios, "e", 1, 1, 1).toString(), "--quiet",
                "--profile", "valgrind", "--target-command", "true", "--target-url", "http://127.0.0.1:{port}/");
        assertThat(rc).isEqualTo(2);
        assertThat(plateau.err.toString().strip()).doesNotContain("\n").contains("unknown 'valgrind'");
        Plateau noTarget = new Plateau(runs);
        assertThat(noTarget.run("soak", "--scenario", Plateau.scenario(scenarios, "e", 1, 1, 1).toString(),
                "--profile", "heaptrack")).isEqualTo(2);
        assertThat(noTarget.err.toString()).contains("--profile: needs a target command");
    }

    @Test
    void soak_profileHeaptrack_heldScenarioOnFluentBit_sessionPathIsTheTopHeldSite() throws IOException {
        heaptrack();
        Optional<Path> fb = Plateau.fluentBit();
        assumeTrue(fb.isPresent(), "no Fluent Bit binary: set FLUENT_BIT=/path/to/fluent-bit (or put fluent-bit on PATH) to run this test");
        Plateau plateau = new Plateau(runs);
        int rc = plateau.run("soak", "--scenario", Path.of("samples", "scenarios", "fb-held.json").toString(),
                "--quiet", "--profile", "heaptrack", "--ready-timeout", "30", "--target-command",
                "'" + fb.get() + "' -i http -p listen=127.0.0.1 -p port={port} -p buffer_max_size=8M -o null -m '*'",
                "--target-url", "http://127.0.0.1:{port}/");
        System.out.print(plateau.out);

        assertThat(rc).as(plateau.err.toString()).isZero();
        String firstSite = plateau.out.toString().lines().filter(l -> l.matches("\\s*1\\s.*")).findFirst().orElseThrow();
        assertThat(firstSite).containsAnyOf("cfl_sds_increase", "flb_http_server").contains("src/http_server/");
    }

    private static void heaptrack() {
        try {
            HeaptrackProfile.locate();
        } catch (HeaptrackMissingException e) {
            org.junit.jupiter.api.Assumptions.abort(e.getMessage() + " (.ci/run installs it)");
        }
    }
}
