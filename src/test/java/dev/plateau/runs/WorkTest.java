package dev.plateau.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.plateau.series.Series;
import dev.plateau.series.SeriesTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The unit of work of a verdict. Fluent Bit publishes {@code fluentbit_input_records_total} in jumps (a one-minute
 * run of 200 requests showed 0 until 7 s, then 300,000 at once), so per record is counted from answered requests
 * when the records counter moved in too few steps — and the slope per record is then exactly the slope per request
 * over records per request: the verdict does not depend on the unit.
 */
class WorkTest {
    private static final Series RSS = Series.gauge("target_rss_bytes", Series.BYTES);
    private static final Series ANSWERED = Series.counter("load_answered_total", Series.COUNT);
    private static final Series RECORDS = new Series("fluentbit_input_records_total", Map.of("name", "http.0"),
            Series.COUNT, dev.plateau.series.Kind.COUNTER);

    /** 40 samples: 10 requests each, RSS +1 MB per request; records published only at samples 30 and 39. */
    private static SeriesTable coarse(boolean withRequests) {
        int n = 40;
        long[] t = new long[n];
        double[] e = new double[n];
        double[] rss = new double[n];
        double[] answered = new double[n];
        double[] records = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_000L * i;
            e[i] = i;
            answered[i] = 10.0 * i;
            rss[i] = 50e6 + answered[i] * 1e6;
            records[i] = i < 30 ? 0 : i < 39 ? 15_000 * 29 : 15_000 * 39;
        }
        return withRequests
                ? new SeriesTable(List.of(RSS, ANSWERED, RECORDS), t, e, List.of(rss, answered, records))
                : new SeriesTable(List.of(RSS, RECORDS), t, e, List.of(rss, records));
    }

    @Test
    void coarseRecordsCounter_isCountedFromAnsweredRequests_andTheVerdictKeepsItsUnitIndependence() {
        SeriesTable table = coarse(true);
        Work perRecord = Work.records(null);

        double[] x = perRecord.x(table);
        assertThat(x[1]).isCloseTo(10 * 1500.0, within(1e-6));          // 15,000 records / 10 requests
        assertThat(x[39]).isCloseTo(39 * 15_000.0, within(1e-6));
        RunStats request = RunStats.of("r", table, "target_rss_bytes", new Trend(), Work.REQUESTS);
        RunStats record = RunStats.of("r", table, "target_rss_bytes", new Trend(), perRecord);
        assertThat(request.slope()).isCloseTo(1e6, within(1.0));
        assertThat(record.slope()).isCloseTo(1e6 / 1500, within(0.01));
        assertThat(record.verdict()).isEqualTo(request.verdict()).isEqualTo(Verdict.GROWING);
        assertThat(perRecord.note(table)).isEqualTo("records counted from load_answered_total × 1,500.0 records/request: "
                + "fluentbit_input_records_total{name=\"http.0\"} moved in 2 steps");
        assertThat(Work.REQUESTS.note(table)).isNull();
    }

    @Test
    void coarseRecordsCounter_withoutRequests_staysAsItIs_andIsInsufficient() {
        SeriesTable table = coarse(false);
        Work perRecord = Work.records(null);
        assertThat(perRecord.x(table)[29]).isZero();
        assertThat(perRecord.note(table)).isNull();
        assertThat(RunStats.of("r", table, "target_rss_bytes", new Trend(), perRecord).verdict())
                .isEqualTo(Verdict.INSUFFICIENT_DATA);
    }

    @Test
    void fineRecordsCounter_isReadDirectly() {
        SeriesTable table = coarse(true);
        double[] records = table.column(RECORDS.column());
        for (int i = 0; i < records.length; i++) {
            records[i] = 1000.0 * i * i;   // not proportional to requests: read as it is
        }
        SeriesTable fine = new SeriesTable(table.series(), table.epochMillis(), table.elapsedS(),
                List.of(table.column(RSS.column()), table.column(ANSWERED.column()), records));
        assertThat(Work.records(null).x(fine)[3]).isEqualTo(9000.0);
        assertThat(Work.records(null).note(fine)).isNull();
    }
}
