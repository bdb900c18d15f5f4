package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.runs.Run;
import dev.plateau.runs.RunStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills while {@code plateau soak} records: a 48 KiB tmpfs when this user may mount one, otherwise
 * {@code ulimit -f 160} on the child JVM (a per-file limit, "File too large", above JNA's 134 KB native library that
 * the JVM unpacks; {@code -Ddiskfull.ulimit=true} forces it). The soak still serves every request of its
 * burst, ends with one error line naming the run (no stack trace), and the run folder loads with every complete row,
 * marked interrupted.
 */
class DiskFullRecordingTest {
    @TempDir
    Path tmp;

    @Test
    void fullDiskStopsTheRecordingWithOneLineAndKeepsCompleteRows() throws Exception {
        Path scenario = SoakProcess.scenario(tmp, "full", 2000);
        Path disk = Files.createDirectory(tmp.resolve("disk"));
        boolean tmpfs = !Boolean.getBoolean("diskfull.ulimit") && run("mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", disk.toString()) == 0;
        try {
            Path out = disk.resolve("runs");
            List<String> java = SoakProcess.command(scenario, out);
            List<String> cmd = java;
            if (!tmpfs) {
                cmd = new ArrayList<>(List.of("bash", "-c", "ulimit -f 160 && exec \"$0\" \"$@\""));
                cmd.addAll(java);
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output;
            try {
                output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            List<String> errors = output.lines().filter(l -> l.contains("No space left on device")
                    || l.contains("File too large")).toList();
            assertThat(errors).as("output:%n%s", output).singleElement().asString().contains("recording " + out);
            assertThat(output).doesNotContain("\tat ").contains("2000/2000 requests completed");

            RunStore store = new RunStore(out);
            Run run = store.load(store.list().get(0).dir());
            assertThat(run.interrupted()).isTrue();
            String csv = new String(Files.readAllBytes(run.dir().resolve("samples.csv")), StandardCharsets.ISO_8859_1);
            assertThat(run.samples()).isNotEmpty().hasSize(csv.split("\r\n", -1).length - 2);
        } finally {
            if (tmpfs) {
                run("umount", disk.toString());
            }
        }
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
