package dev.plateau.reliability;

import dev.plateau.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code plateau soak} as a child JVM recording into {@code out}, for the crash-consistency tests. */
final class SoakProcess {
    private SoakProcess() {
    }

    /** Writes a scenario sampling every 10 ms during one burst of {@code requests} at 200/s; returns its file. */
    static Path scenario(Path dir, String name, int requests) throws IOException {
        return Files.writeString(dir.resolve(name + ".json"), """
                {"name": "%s", "sample_interval": "10ms", "settle_s": 0, "collector": {"output": "null"},
                 "bursts": [{"requests": %d, "rate": 200, "connections": 2, "lines": 5}]}
                """.formatted(name, requests));
    }

    /** The command line of {@code plateau soak --scenario scenario --out out} plus {@code extra} flags. */
    static List<String> command(Path scenario, Path out, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "soak", "--scenario", scenario.toString(), "--out", out.toString()));
        cmd.addAll(List.of(extra));
        return cmd;
    }
}
