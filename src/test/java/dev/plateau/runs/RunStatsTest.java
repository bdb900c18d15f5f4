package dev.plateau.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.plateau.telemetry.Sample;
import dev.plateau.telemetry.TestSamples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** {@link RunStats}: one row of the verdict table computed from samples. */
class RunStatsTest {
    private static final long T0 = 1_767_225_600_000L;

    /** {@code n} samples, 4 requests apart starting at {@code firstRequest}, conn_buffer_bytes = f(requests since start). */
    static List<Sample> series(int n, long firstRequest, LongUnaryOperator buffer) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long req = firstRequest + 4L * i;
            out.add(TestSamples.sample(T0 + 100L * i, 3.0 + i * 0.1, req, buffer.applyAsLong(req - firstRequest)));
        }
        return out;
    }

    @Test
    void leakingRunIsGrowingWithItsSlopePeakAndFinal() {
        List<Sample> s = series(200, 0, r -> 2_000_000 + 50_000 * r);

        RunStats st = RunStats.of("before", s, "conn_buffer_bytes", new Trend());

        assertThat(st.run()).isEqualTo("before");
        assertThat(st.metric()).isEqualTo("conn_buffer_bytes");
        assertThat(st.samples()).isEqualTo(200);
        assertThat(st.peak()).isEqualTo(2_000_000 + 50_000 * 796.0);
        assertThat(st.last()).isEqualTo(st.peak());
        assertThat(st.slope()).isCloseTo(50_000, within(500.0));
        assertThat(st.unit()).isEqualTo("B/req");
        assertThat(st.verdict()).isEqualTo(Verdict.GROWING);
        // warm-up never takes more than half the requests: the fit starts at request 400 at the latest
        assertThat(st.growthAfterWarmup()).isBetween(50_000 * (796 - 400.0), 50_000 * 796.0);
    }

    @Test
    void rampThenPlateauIsPlateauWithNoGrowthAfterWarmUp() {
        List<Sample> s = series(200, 0, r -> Math.min(r, 160) * 100_000);

        RunStats st = RunStats.of("after", s, "conn_buffer_bytes", new Trend());

        assertThat(st.verdict()).isEqualTo(Verdict.PLATEAU);
        assertThat(st.peak()).isEqualTo(16_000_000);
        assertThat(st.last()).isEqualTo(16_000_000);
        assertThat(st.growthAfterWarmup()).isZero();
        assertThat(st.slope()).isCloseTo(0, within(1.0));
    }

    @Test
    void requestsCountFromTheFirstSampleOfTheRun() {
        List<Sample> fromZero = series(100, 0, r -> 10_000 * r);
        List<Sample> fromLater = series(100, 123_456, r -> 10_000 * r);

        RunStats a = RunStats.of("a", fromZero, "conn_buffer_bytes", new Trend());
        RunStats b = RunStats.of("b", fromLater, "conn_buffer_bytes", new Trend());

        assertThat(b.slope()).isEqualTo(a.slope());
        assertThat(b.growthAfterWarmup()).isEqualTo(a.growthAfterWarmup());
    }

    @Test
    void runWithoutRequestsIsFittedAgainstElapsedTime() {
        List<Sample> s = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            s.add(TestSamples.sample(T0 + 250L * i, 10 + i * 0.25, 42, 1_000_000 + 4_000L * i));   // 16 kB/s
        }

        RunStats st = RunStats.of("idle", s, "conn_buffer_bytes", new Trend(1024));

        assertThat(st.unit()).isEqualTo("B/s");
        assertThat(st.slope()).isCloseTo(16_000, within(1.0));
        assertThat(st.verdict()).isEqualTo(Verdict.GROWING);
    }

    @Test
    void metricsThatAreNotBytesDropTheByteUnit() {
        RunStats st = RunStats.of("r", series(50, 0, r -> 0), "conn_open", new Trend());
        assertThat(st.unit()).isEqualTo("/req");
        assertThat(RunStats.of("r", series(50, 0, r -> 0), "rss_bytes", new Trend()).unit()).isEqualTo("B/req");
    }

    @Test
    void emptyOrShortRunIsInsufficientData() {
        RunStats empty = RunStats.of("e", List.of(), "rss_bytes", new Trend());
        assertThat(empty.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(empty.samples()).isZero();
        assertThat(empty.peak()).isZero();
        assertThat(empty.slope()).isNaN();

        RunStats shortRun = RunStats.of("s", series(3, 0, r -> r), "rss_bytes", new Trend());
        assertThat(shortRun.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(shortRun.toJson().get("slope")).isNull();
        assertThat(shortRun.toJson().get("verdict")).isEqualTo("insufficient data");
    }

    @Test
    void unknownMetricNamesTheKnownOnes() {
        assertThatThrownBy(() -> RunStats.of("r", List.of(), "conn_bufer_bytes", new Trend()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown metric 'conn_bufer_bytes'")
                .hasMessageContaining("conn_buffer_bytes");
    }

    @Test
    void summaryJsonHasWholeBytesAndARoundedSlope() {
        RunStats st = new RunStats("r", "rss_bytes", 10, 1234.6, 1000.2, 12.7, 51_234.5678, "B/req", Verdict.GROWING);

        Map<String, Object> json = st.toJson();

        assertThat(json).containsOnlyKeys("metric", "samples", "peak", "final", "growth_after_warmup", "slope",
                "slope_unit", "verdict");
        assertThat(json).containsEntry("metric", "rss_bytes").containsEntry("samples", 10)
                .containsEntry("peak", 1234L).containsEntry("final", 1000L).containsEntry("slope", 51_234.6)
                .containsEntry("slope_unit", "B/req").containsEntry("verdict", "growing");
    }
}
