package dev.plateau.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * What a downsampled chart must still show ({@link Lttb}): the first and last points, the highest and the lowest
 * value of the series (a memory peak never disappears from the Live or Compare chart), indices strictly ascending
 * and inside the range, never more points than asked for (when at least 4 are asked).
 */
class LttbPropertiesTest {
    @Property
    void keepsFirstLastAndGlobalExtremes(@ForAll("values") double[] ys, @ForAll @IntRange(min = 4, max = 400) int threshold,
            @ForAll @IntRange(min = 0, max = 50) int skip) {
        int from = Math.min(skip, ys.length - 1);
        int to = ys.length;
        double[] xs = new double[ys.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i * 0.25;
        }
        int[] keep = Lttb.indices(xs, ys, from, to, threshold);
        assertThat(keep.length).isLessThanOrEqualTo(Math.max(threshold, to - from));
        assertThat(keep[0]).isEqualTo(from);
        assertThat(keep[keep.length - 1]).isEqualTo(to - 1);
        for (int i = 1; i < keep.length; i++) {
            assertThat(keep[i]).isGreaterThan(keep[i - 1]);
        }
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = from; i < to; i++) {
            max = Math.max(max, ys[i]);
            min = Math.min(min, ys[i]);
        }
        double keptMax = Double.NEGATIVE_INFINITY;
        double keptMin = Double.POSITIVE_INFINITY;
        for (int i : keep) {
            keptMax = Math.max(keptMax, ys[i]);
            keptMin = Math.min(keptMin, ys[i]);
        }
        assertThat(keptMax).as("highest value kept").isEqualTo(max);
        assertThat(keptMin).as("lowest value kept").isEqualTo(min);
    }

    @Provide
    Arbitrary<double[]> values() {
        return Arbitraries.doubles().between(0, 1e9).array(double[].class).ofMinSize(1).ofMaxSize(2000);
    }
}
