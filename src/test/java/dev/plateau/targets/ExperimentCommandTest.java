package dev.plateau.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.runs.RunInfo;
import dev.plateau.runs.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plateau experiment} with two real variants (the Python sink keeping bodies vs dropping them): one verdict
 * table per variant, the side-by-side table, and two runs stored for {@code plateau compare} to overlay.
 */
class ExperimentCommandTest {
    @TempDir
    Path runs;
    @TempDir
    Path scenarios;

    @Test
    void twoVariantsEachFreshGiveTheirTablesAndOverlayInCompare() throws IOException {
        Plateau plateau = new Plateau(runs);
        String sink = "python3 '" + Plateau.sink() + "' {port} ";
        int rc = plateau.run("experiment", "--scenario", Plateau.scenario(scenarios, "ab", 150, 40, 100).toString(),
                "--variant", "keeps=" + sink + "keep", "--variant", "drops=" + sink + "drop",
                "--target-url", "http://127.0.0.1:{port}/", "--target-metrics", "http://127.0.0.1:{port}/metrics",
                "--metric", "target_rss_bytes");
        String out = plateau.out.toString();
        System.out.print(out);

        assertThat(rc).as(plateau.err.toString()).isZero();
        assertThat(out).contains("variant keeps: run ").contains("variant drops: run ");
        List<String> sideBySide = out.lines().dropWhile(l -> !l.startsWith("metric ") || !l.contains("variant")).toList();
        assertThat(sideBySide).hasSize(3);
        assertThat(sideBySide.get(1)).contains("keeps").endsWith("growing");
        assertThat(sideBySide.get(2)).contains("drops").endsWith("plateau");

        List<RunInfo> stored = new RunStore(runs).list();
        assertThat(stored).extracting(RunInfo::label).containsExactlyInAnyOrder("keeps", "drops");
        int crc = dev.plateau.cli.Main.commandLine().execute("compare", stored.get(0).dir().toString(),
                stored.get(1).dir().toString(), "--metric", "target_rss_bytes");
        assertThat(crc).isZero();
    }

    @Test
    void aVariantWithoutANameIsBadInput() throws IOException {
        Plateau plateau = new Plateau(runs);
        int rc = plateau.run("experiment", "--scenario", Plateau.scenario(scenarios, "ab", 10, 10, 1).toString(),
                "--variant", "python3 -m http.server", "--target-url", "http://127.0.0.1:{port}/");

        assertThat(rc).isEqualTo(2);
        assertThat(plateau.err.toString().strip())
                .isEqualTo("plateau experiment: --variant: expected NAME=COMMAND (NAME: letters, digits, _ . -), was 'python3 -m http.server'");
    }
}
