package dev.plateau.load.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plateau.load.BaselineServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WrkRunnerTest {
    /** wrk 4.1's report with --latency, as printed on this machine. */
    private static final String REPORT = """
            Running 2s test @ http://127.0.0.1:40215/bench
              2 threads and 4 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   210.35us  101.20us   3.98ms   91.20%
                Req/Sec     9.51k   512.33    10.40k    70.00%
              Latency Distribution
                 50%  192.00us
                 75%  231.00us
                 90%  289.00us
                 99%    1.02ms
              37846 requests in 2.00s, 2.78MB read
              Non-2xx or 3xx responses: 3
              Socket errors: connect 0, read 1, write 0, timeout 2
            Requests/sec:  18921.55
            Transfer/sec:      1.39MB
            """;

    @Test
    void parse_readsRateTotalsPercentilesAndErrors() {
        WrkRunner.Result r = WrkRunner.parse(REPORT);

        assertThat(r.requests()).isEqualTo(37846);
        assertThat(r.seconds()).isEqualTo(2.0);
        assertThat(r.requestsPerSec()).isEqualTo(18921.55);
        assertThat(r.p50Ms()).isEqualTo(0.192);
        assertThat(r.p99Ms()).isEqualTo(1.02);
        assertThat(r.errors()).isEqualTo(6);
    }

    @Test
    void parse_rejectsOutputWithoutFigures() {
        assertThatThrownBy(() -> WrkRunner.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read wrk's report");
    }

    @Test
    void run_postsTheBodyToARealServer_whenWrkIsInstalled() {
        assumeTrue(WrkRunner.available(), "wrk is not on the PATH");
        byte[] body = "{\"msg\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
        try (BaselineServer server = new BaselineServer(1)) {
            int port = server.start("127.0.0.1", 0).getPort();
            WrkRunner.Result r = new WrkRunner().run(URI.create("http://127.0.0.1:" + port + "/bench"), body,
                    "application/json", 2, Duration.ofSeconds(1));

            assertThat(r.requests()).isPositive();
            assertThat(r.requestsPerSec()).isPositive();
            assertThat(r.errors()).isZero();
            assertThat(server.requests()).isGreaterThanOrEqualTo(r.requests());
            assertThat(server.bodyBytes()).isEqualTo(server.requests() * body.length);
        }
    }
}
