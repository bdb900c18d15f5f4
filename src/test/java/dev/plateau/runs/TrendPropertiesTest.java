package dev.plateau.runs;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the leak verdict's arithmetic users rely on (not of the verdict threshold): the Theil–Sen slope
 * ignores where the series sits, scales with it, and is exact on a line with fewer than ~29 % of its points
 * replaced by arbitrary values (the breakdown point: clean pairs are then more than half of all pairs); warm-up
 * never cuts a sample from the last half of the x range.
 */
class TrendPropertiesTest {
    @Property
    void slopeIgnoresAShiftOfTheSeries(@ForAll("series") double[][] xy,
            @ForAll @DoubleRange(min = -1e9, max = 1e9) double dy, @ForAll @DoubleRange(min = -1e6, max = 1e6) double dx) {
        double[] x = xy[0];
        double[] y = xy[1];
        double slope = Trend.theilSen(x, y, 0);
        assertThat(Trend.theilSen(x, add(y, dy), 0)).isCloseTo(slope, within(slope, y, dy));
        assertThat(Trend.theilSen(add(x, dx), y, 0)).isCloseTo(slope, within(slope, y, dy));
    }

    @Property
    void slopeScalesWithTheSeries(@ForAll("series") double[][] xy, @ForAll @DoubleRange(min = -1e3, max = 1e3) double k) {
        double slope = Trend.theilSen(xy[0], xy[1], 0);
        double[] scaled = xy[1].clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= k;
        }
        assertThat(Trend.theilSen(xy[0], scaled, 0)).isCloseTo(k * slope,
                org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(k * slope))));
    }

    @Property
    void slopeOfALineIsExactWithUpTo29PercentArbitraryOutliers(@ForAll @IntRange(min = 5, max = 400) int n,
            @ForAll @IntRange(min = -5000, max = 5000) int slope, @ForAll @IntRange(min = 1, max = 50) int step,
            @ForAll @DoubleRange(min = 0, max = 0.29) double fraction, @ForAll long seed) {
        int outliers = (int) (n * fraction);
        long cleanPairs = (long) (n - outliers) * (n - outliers - 1) / 2;
        long pairs = (long) n * (n - 1) / 2;
        Assume.that(2 * cleanPairs > pairs + 2);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (double) i * step;
            y[i] = 1_000_000 + (double) slope * x[i];
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int o = 0; o < outliers; o++) {
            int at = random.nextInt(n);
            y[at] = random.nextBoolean() ? random.nextDouble(-1e12, 1e12) : y[at] + 1e9;
        }
        assertThat(Trend.theilSen(x, y, 0)).isEqualTo(slope);
    }

    @Property
    void warmUpNeverCutsTheLastHalf(@ForAll("series") double[][] xy, @ForAll @DoubleRange(min = 0, max = 0.49) double warmup) {
        double[] x = xy[0];
        int start = new Trend(Threshold.DEFAULT, warmup).warmupEnd(x, xy[1]);
        double middle = x[0] + 0.5 * (x[x.length - 1] - x[0]);
        for (int i = 0; i < start; i++) {
            assertThat(x[i]).as("sample %d (of %d) cut by warm-up ending at %d", i, x.length, start).isLessThan(middle);
        }
    }

    /** x non-decreasing (repeats allowed, at least two distinct values), y anything finite and moderate. */
    @Provide
    Arbitrary<double[][]> series() {
        Arbitrary<Integer> size = Arbitraries.integers().between(5, 300);
        return size.flatMap(n -> Combinators.combine(
                Arbitraries.doubles().between(0, 1e4).array(double[].class).ofSize(n),
                Arbitraries.doubles().between(-1e9, 1e9).array(double[].class).ofSize(n))
                .as((dx, y) -> {
                    double[] x = new double[n];
                    for (int i = 1; i < n; i++) {
                        x[i] = x[i - 1] + dx[i];
                    }
                    return new double[][] {x, y};
                })).filter(xy -> xy[0][xy[0].length - 1] > xy[0][0]);
    }

    private static double[] add(double[] v, double d) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += d;
        }
        return out;
    }

    /** Tolerance for a slope recomputed after shifting by {@code d}: rounding of values of magnitude |y|+|d|. */
    private static org.assertj.core.data.Offset<Double> within(double slope, double[] y, double d) {
        double max = 0;
        for (double v : y) {
            max = Math.max(max, Math.abs(v));
        }
        return org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(slope)) + 1e-9 * (max + Math.abs(d)));
    }
}
