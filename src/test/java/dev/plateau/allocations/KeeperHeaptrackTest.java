package dev.plateau.allocations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A C program run under real heaptrack: {@code keep_connection_buffer} grows one buffer per "connection" and
 * keeps it, {@code handle_and_free} allocates more (4 MB per call) but frees it. Killed with SIGKILL while it
 * holds its buffers, the keeping function must be the top held site and the freeing one must hold nothing.
 */
public class KeeperHeaptrackTest {

    @Test
    void finish_afterSigkill_namesTheKeepingFunctionAsTopHeldSite(@TempDir Path tmp) throws Exception {
        AllocationRun run = record(tmp, tmp.resolve("run"));

        List<AllocationSite> held = run.top(At.END, 5, Wrappers.DEFAULT);
        assertThat(held.get(0).function()).isEqualTo("keep_connection_buffer");
        assertThat(held.get(0).location()).endsWith("keeper.c:14");
        assertThat(held.get(0).heldBytes()).isBetween(4_000_000L, 5_000_000L); // 6 × 12 × 64 KiB = 4.7 MB
        assertThat(held).extracting(AllocationSite::function).doesNotContain("handle_and_free");
        assertThat(run.top(At.PEAK, 5, Wrappers.DEFAULT)).extracting(AllocationSite::function).contains("handle_and_free");
        assertThat(HeaptrackProfile.rawFile(run.dir()).getFileName().toString()).startsWith("heaptrack.keeper.");
        assertThat(run.timeline().rows()).isNotEmpty();
        assertThat(run.namesNote(held)).isEmpty();
        List<String> series = Files.readAllLines(run.dir().resolve(SiteTimeline.FILE));
        List<Long> keeping = series.stream().filter(l -> l.contains("keep_connection_buffer"))
                .map(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1))).toList();
        assertThat(keeping).hasSizeGreaterThan(3);
        assertThat(keeping.get(keeping.size() - 1)).isEqualTo(6L * 12 * 64 * 1024);   // grows to what it keeps
        assertThat(keeping.get(0)).isLessThan(keeping.get(keeping.size() - 1));
        assertThat(series.stream().filter(l -> l.contains("handle_and_free")).reduce((a, b) -> b).orElseThrow())
                .endsWith(",0");                                                           // freed every time
    }

    /**
     * Compiles keeper.c into {@code tmp}, runs it under heaptrack ({@code keeper 6 12}: 6 connections, 12 rounds),
     * waits until it prints "ready", kills it and summarises into {@code runDir}. Skipped without heaptrack or gcc.
     */
    public static AllocationRun record(Path tmp, Path runDir) throws Exception {
        return record(tmp, runDir, "-g");
    }

    private static AllocationRun record(Path tmp, Path runDir, String gccFlags) throws Exception {
        HeaptrackProfile profile = NativeTargets.heaptrack();
        Path exe = NativeTargets.keeper(tmp, gccFlags);
        Files.createDirectories(runDir);
        long start = System.currentTimeMillis();
        Process wrapper = new ProcessBuilder(profile.wrap(List.of(exe.toString(), "6", "12"), runDir))
                .redirectErrorStream(true).redirectOutput(runDir.resolve("target.log").toFile()).start();
        ProcessHandle target = null;
        try {
            target = profile.awaitTarget(wrapper.toHandle(), Duration.ofSeconds(10));
            assertThat(target.info().command().orElse("")).endsWith("keeper");
            RssTrack rss = RssTrack.start(target.pid(), Duration.ofMillis(50), Clock.systemUTC());
            await().atMost(Duration.ofSeconds(30)).until(() -> log(runDir).contains("ready"));
            long killed = HeaptrackProfile.kill(target, wrapper.toHandle(), Duration.ofSeconds(60));
            List<RssTrack.Point> points = rss.stop();
            return profile.finish(runDir, new HeaptrackProfile.Target(List.of(exe.toString(), "6", "12"), target.pid(),
                    start, start, killed), points);
        } finally {
            if (target != null) {
                target.destroyForcibly();
            }
            wrapper.destroyForcibly();
        }
    }

    @Test
    void finish_strippedBinary_printsAddressesAndSaysWhyNamesAreMissing(@TempDir Path tmp) throws Exception {
        AllocationRun run = record(tmp, tmp.resolve("run"), "-s");

        List<AllocationSite> held = run.top(At.END, 5, Wrappers.DEFAULT);
        assertThat(held.get(0).function()).startsWith("0x");
        assertThat(held.get(0).module()).endsWith("keeper");
        assertThat(held.get(0).heldBytes()).isBetween(4_000_000L, 5_000_000L);
        assertThat(run.namesNote(held)).contains("keeper has no symbol table").contains("stripped");
        assertThat(SiteTable.sites(held, At.END)).contains(held.get(0).function());
    }

    @Test
    void awaitTarget_commandThatDoesNotExist_failsInsteadOfWaiting(@TempDir Path tmp) throws Exception {
        HeaptrackProfile profile = NativeTargets.heaptrack();
        Process wrapper = new ProcessBuilder(profile.wrap(List.of(tmp.resolve("nope").toString()), tmp))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> profile.awaitTarget(wrapper.toHandle(), Duration.ofSeconds(10)))
                    .isInstanceOf(IOException.class).hasMessageContaining("heaptrack exited before the target started");
        } finally {
            wrapper.destroyForcibly();
        }
    }

    @Test
    void locate_withoutHeaptrackOnPath_saysHowToInstallIt(@TempDir Path emptyDir) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HeaptrackProfile.locate(emptyDir.toString()))
                .isInstanceOf(HeaptrackMissingException.class)
                .hasMessageContaining("heaptrack is not installed").hasMessageContaining("apt-get install heaptrack")
                .hasMessageNotContaining("\n");
    }

    private static String log(Path runDir) throws IOException {
        return Files.readString(runDir.resolve("target.log"));
    }
}
