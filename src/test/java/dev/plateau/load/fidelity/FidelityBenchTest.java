package dev.plateau.load.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fidelity bench's arithmetic and table (the measurements themselves are benchmarks, run by hand). */
class FidelityBenchTest {
    @Test
    void slope_fitsOnlyTheSecondHalf() {
        List<double[]> points = List.of(new double[] {0, 0}, new double[] {10, 5_000_000}, new double[] {150, 1_000_000},
                new double[] {200, 1_100_000}, new double[] {300, 1_300_000});

        assertThat(FidelityBench.slope(points, 150)).isEqualTo(2_000, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void slope_withFewerThanTwoPoints_isNaN() {
        assertThat(FidelityBench.slope(List.of(new double[] {200, 1}), 150)).isNaN();
    }

    @Test
    void ratio_marksWhatIsWithin30Percent() {
        assertThat(FidelityBench.ratio(125, 100)).isEqualTo("1.25 ok");
        assertThat(FidelityBench.ratio(50, 100)).isEqualTo("0.50 !");
        assertThat(FidelityBench.ratio(50, 0)).isEqualTo("n/a");
    }

    @Test
    void format_putsRealCloneAndRatioSideBySide() {
        List<FidelityBench.Row> rows = List.of(
                new FidelityBench.Row("churn", "plain", "fluent-bit", 8_000_000, 120_000_000, 100_000_000, 250_000, 0, 0),
                new FidelityBench.Row("churn", "plain", "clone", 100_000_000, 210_000_000, 190_000_000, 200_000, 0, 0),
                new FidelityBench.Row("idle", "plain", "fluent-bit", 8_000_000, 180_000_000, 180_000_000, 0, 3_440_000, 0),
                new FidelityBench.Row("idle", "plain", "clone", 100_000_000, 260_000_000, 260_000_000, 0, 3_200_000, 0));

        String table = FidelityBench.format(rows);

        assertThat(table).contains("112.0 MB").contains("110.0 MB").contains("0.98 ok").contains("0.80 ok")
                .contains("0.93 ok").contains("3.4 MB");
    }

    @Test
    void keptRatio_nearZeroOnBothSides_isOk_andOnlyOnOne_isNot() {
        assertThat(FidelityBench.keptRatio(-4_000_000, 500_000, 100_000_000)).isEqualTo("~0 ok");
        assertThat(FidelityBench.keptRatio(20_000_000, 500_000, 100_000_000)).isEqualTo("20000 KB !");
        assertThat(FidelityBench.keptRatio(80_000_000, 100_000_000, 120_000_000)).isEqualTo("0.80 ok");
    }

    @Test
    void medians_perLoadPairAndTarget_overTheRounds() {
        List<FidelityBench.Row> rows = List.of(
                new FidelityBench.Row("churn", "plain", "fluent-bit", 8, 100, 90, 200_000, 0, 0),
                new FidelityBench.Row("churn", "plain", "clone", 80, 180, 150, 50_000, 0, 1),
                new FidelityBench.Row("churn", "plain", "fluent-bit", 9, 130, 95, 260_000, 0, 0),
                new FidelityBench.Row("churn", "plain", "clone", 90, 200, 160, 230_000, 0, 0),
                new FidelityBench.Row("churn", "plain", "fluent-bit", 10, 120, 99, 240_000, 0, 0),
                new FidelityBench.Row("churn", "plain", "clone", 85, 210, 170, 220_000, 0, 2));

        List<FidelityBench.Row> m = FidelityBench.medians(rows);

        assertThat(m).extracting(FidelityBench.Row::target).containsExactly("fluent-bit", "clone");
        assertThat(m.get(0)).extracting(FidelityBench.Row::startBytes, FidelityBench.Row::peakBytes,
                FidelityBench.Row::afterBytes, FidelityBench.Row::slopeBytesPerRequest).containsExactly(9L, 120L, 95L, 240_000.0);
        assertThat(m.get(1).slopeBytesPerRequest()).as("one outlier round does not decide").isEqualTo(220_000.0);
        assertThat(m.get(1).failed()).as("failures add up").isEqualTo(3);
    }
}
