package dev.plateau.allocations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.runs.Scenario;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Fluent Bit 5.1.1 under real heaptrack with the sample scenarios (skipped with a message when no binary is
 * found, see {@link NativeTargets#fluentBit()}): held keep-alive connections leave their session buffers as the top
 * held site in the HTTP server session path; the shrink-patched build does not; after the churn load the live heap
 * is far below RSS (the allocator keeps what was freed).
 */
class FluentBitAllocationsTest {
    private static final Path SCENARIOS = Path.of("samples", "scenarios");

    @Test
    void heldConnections_stockBuild_sessionBuffersAreTheTopHeldSite(@TempDir Path tmp) throws Exception {
        AllocationRun run = record(NativeTargets.fluentBit(), "fb-held.json", tmp);

        AllocationSite top = run.top(At.END, 5, Wrappers.DEFAULT).get(0);
        assertThat(top.location()).contains("src/http_server/");
        assertThat(top.function()).isEqualTo("flb_http_server_session_ingest");
        assertThat(top.via()).contains("cfl_sds_increase");
        assertThat(top.heldBytes()).isGreaterThan(20_000_000L); // 20 × ~1.6 MB session buffers
    }

    @Test
    void heldConnections_shrinkBuild_sessionBuffersAreNotHeld(@TempDir Path tmp) throws Exception {
        AllocationRun run = record(NativeTargets.fluentBitShrink(), "fb-held.json", tmp);

        List<AllocationSite> top = run.top(At.END, 5, Wrappers.DEFAULT);
        assertThat(top).noneMatch(s -> s.function().equals("flb_http_server_session_ingest") && s.heldBytes() > 5_000_000L);
        assertThat(top.get(0).heldBytes()).isLessThan(20_000_000L);
    }

    /**
     * The churn, then 12 s of quiet so that Fluent Bit's 10 s idle close has freed the abandoned connections'
     * session buffers (killed earlier, the live heap still holds them: 21–46 MB depending on timing): what is left
     * live is small, while RSS stays high with what glibc kept.
     */
    @Test
    void churn_stockBuild_liveHeapEndsFarBelowRss(@TempDir Path tmp) throws Exception {
        AllocationRun run = record(NativeTargets.fluentBit(), "fb-churn.json", tmp, 12);

        double rss = run.meta().path("end_rss_bytes").asDouble();
        double heap = run.meta().path("end_heap_live_bytes").asDouble();
        assertThat(rss).isGreaterThan(50_000_000);
        assertThat(heap).isLessThan(rss / 3);
        assertThat(run.timeline().rows()).allMatch(r -> Double.isNaN(r.heapBytes()) || r.heapBytes() <= r.rssBytes());
    }

    private static AllocationRun record(Path binary, String scenario, Path dir) throws Exception {
        return record(binary, scenario, dir, -1);
    }

    /** {@code settleS}: the scenario's settle time instead of its own (when >= 0). */
    private static AllocationRun record(Path binary, String scenario, Path dir, double settleS) throws Exception {
        HeaptrackProfile profile = NativeTargets.heaptrack();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String p = Integer.toString(port);
        List<String> cmd = NativeTargets.fluentBitCommand(binary).stream().map(a -> a.replace("{port}", p)).toList();
        Scenario sc = Scenario.load(SCENARIOS.resolve(scenario));
        if (settleS >= 0) {
            sc = new Scenario(sc.name(), sc.description(), sc.collector(), sc.sampleInterval(), sc.bursts(), settleS,
                    sc.source());
        }
        AllocationRecorder.Result r = new AllocationRecorder(profile, dir.resolve("run"), cmd, port, sc).record();
        assertThat(r.reports()).allMatch(b -> b.failed() == 0);
        return r.run();
    }
}
