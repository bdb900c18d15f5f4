package dev.plateau.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BurstReportTest {

    private static BurstReport reportOf(int answered, int failed) {
        BurstStats stats = new BurstStats();
        for (int i = 1; i <= answered; i++) {
            stats.sent();
            stats.bytesWritten(1_000);
            stats.answered(i % 10 == 0 ? 400 : 201, TimeUnit.MILLISECONDS.toNanos(i));
        }
        for (int i = 0; i < failed; i++) {
            stats.failed(ErrorKinds.TIMEOUT);
        }
        return stats.report(TimeUnit.SECONDS.toNanos(2), false);
    }

    @Test
    void percentilesComeFromTheHistogramAndAreMonotone() {
        BurstReport r = reportOf(100, 0);
        assertThat(r.p50Ms()).isCloseTo(50, offset(0.1));
        assertThat(r.p90Ms()).isCloseTo(90, offset(0.1));
        assertThat(r.p99Ms()).isCloseTo(99, offset(0.1));
        assertThat(r.maxMs()).isCloseTo(100, offset(0.1));
        assertThat(r.p50Ms()).isLessThanOrEqualTo(r.p90Ms());
        assertThat(r.p90Ms()).isLessThanOrEqualTo(r.p99Ms());
        assertThat(r.p99Ms()).isLessThanOrEqualTo(r.maxMs());
    }

    @Test
    void ratesAreOverTheWallTime() {
        BurstReport r = reportOf(100, 0);
        assertThat(r.requestsPerSec()).isEqualTo(50.0);
        assertThat(r.mbPerSec()).isEqualTo(0.05);
    }

    @Test
    void countsStatusesNon2xxAndErrors() {
        BurstReport r = reportOf(20, 3);
        assertThat(r.requests()).isEqualTo(23);
        assertThat(r.statusCounts()).isEqualTo(Map.of(201, 18L, 400, 2L));
        assertThat(r.non2xx()).isEqualTo(2);
        assertThat(r.errors()).isEqualTo(Map.of("timeout", 3L));
        assertThat(r.mainError()).isEqualTo("timeout");
        assertThat(r.allSucceeded()).isFalse();
    }

    @Test
    void formatPrintsOneFigurePerLine() {
        String text = reportOf(20, 3).format();
        assertThat(text.lines()).hasSize(7);
        assertThat(text).contains("Duration      2.00 s", "Requests      23  (answered 20, failed 3, non-2xx 2)",
                "Throughput    11.5 req/s, 0.01 MB/s sent", "Status codes  201: 18  400: 2", "Non-2xx       400 ×2",
                "Errors        timeout: 3");
        assertThat(text).containsPattern("Latency       p50 \\d+\\.\\d\\d ms  p90 .* ms  p99 .* ms  max .* ms");
    }

    @Test
    void withoutAnswersLatencyIsNotApplicable() {
        BurstReport r = reportOf(0, 5);
        assertThat(r.p50Ms()).isZero();
        assertThat(r.maxMs()).isZero();
        assertThat(r.format()).contains("Latency       n/a (no answers)", "Status codes  none");
    }
}
