package dev.plateau.load.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.events.EventLog;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class H2loadRunnerTest {
    /** h2load 1.52's report against Fluent Bit 5.1.1, as printed on this machine. */
    private static final String REPORT = """
            finished in 72.45ms, 27522.81 req/s, 675.29KB/s
            requests: 2000 total, 2000 started, 2000 done, 1994 succeeded, 6 failed, 6 errored, 0 timeout
            status codes: 1994 2xx, 0 3xx, 0 4xx, 0 5xx
            traffic: 48.92KB (50098) total, 13.70KB (14028) headers (space savings 89.80%), 0B (0) data
            """;

    @Test
    void parse_readsRateTotalAnd2xx() {
        H2loadRunner.Result r = H2loadRunner.parse(REPORT);

        assertThat(r.requestsPerSec()).isEqualTo(27522.81);
        assertThat(r.total()).isEqualTo(2000);
        assertThat(r.ok2xx()).isEqualTo(1994);
    }

    @Test
    void parse_failsOnSomethingElse() {
        assertThatThrownBy(() -> H2loadRunner.parse("connect: Connection refused")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void run_drivesTheCollectorOverH2cPriorKnowledge() {
        assumeTrue(H2loadRunner.available(), "h2load is not on the PATH (apt install nghttp2-client)");
        Collector collector = new Collector(CollectorConfig.builder().port(0).monitorPort(0).build(), new EventLog());
        collector.start();
        try {
            H2loadRunner.Result r = H2loadRunner.run(URI.create("http://127.0.0.1:" + collector.address().getPort() + "/app"),
                    SideBySide.SMALL_BODY, 500, 2, 4);

            assertThat(r.total()).isEqualTo(500);
            assertThat(r.ok2xx()).isEqualTo(500);
            assertThat(r.requestsPerSec()).isPositive();
        } finally {
            collector.stop();
        }
    }

    @Test
    void runFor_drivesTheCollectorForTheGivenTime() {
        assumeTrue(H2loadRunner.available(), "h2load is not on the PATH (apt install nghttp2-client)");
        Collector collector = new Collector(CollectorConfig.builder().port(0).monitorPort(0).build(), new EventLog());
        collector.start();
        try {
            long t0 = System.nanoTime();
            H2loadRunner.Result r = H2loadRunner.runFor(
                    URI.create("http://127.0.0.1:" + collector.address().getPort() + "/app"), SideBySide.SMALL_BODY,
                    Duration.ofMillis(1500), 1, 2);

            assertThat(System.nanoTime() - t0).as("-D1: at least a second of load").isGreaterThanOrEqualTo(1_000_000_000L);
            assertThat(r.ok2xx()).isPositive().isEqualTo(r.total());
            assertThat(collector.counters().requestsTotal()).isGreaterThanOrEqualTo(r.ok2xx());
        } finally {
            collector.stop();
        }
    }
}
