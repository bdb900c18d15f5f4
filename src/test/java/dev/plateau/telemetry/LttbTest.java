package dev.plateau.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LttbTest {

    @Test
    void shortSeries_keepsEveryPoint() {
        double[] x = {0, 1, 2, 3};
        assertThat(Lttb.indices(x, x, 10)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void longSeries_returnsThresholdPointsAscendingWithEnds() {
        int n = 10_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 50.0);
        }
        int[] keep = Lttb.indices(x, y, 500);
        assertThat(keep).hasSize(500);
        assertThat(keep[0]).isZero();
        assertThat(keep[499]).isEqualTo(n - 1);
        for (int i = 1; i < keep.length; i++) {
            assertThat(keep[i]).isGreaterThan(keep[i - 1]);
        }
    }

    @Test
    void singleSpike_survivesDownsampling() {
        int n = 5_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        y[3_217] = 1e9;
        int[] keep = Lttb.indices(x, y, 100);
        assertThat(keep).contains(3_217);
    }

    @Test
    void stepUpAndDown_keepsBothLevels() {
        int n = 3_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i >= 1_000 && i < 2_000 ? 8_000_000 : 1_000_000;
        }
        int[] keep = Lttb.indices(x, y, 60);
        boolean high = false;
        boolean lowAfter = false;
        for (int k : keep) {
            high |= y[k] == 8_000_000;
            lowAfter |= k > 2_000 && y[k] == 1_000_000;
        }
        assertThat(high).isTrue();
        assertThat(lowAfter).isTrue();
    }

    @Test
    void prefixLength_usesOnlyFirstNPoints() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
        int[] keep = Lttb.indices(x, x, 5, 3);
        assertThat(keep).containsExactly(0, keep[1], 4);
    }

    @Test
    void range_picksTheSamePointsAsACopyOfThatRange_shiftedByFrom() {
        double[] x = new double[5_000];
        double[] y = new double[5_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.25;
            y[i] = Math.sin(i / 37.0) * 1000 + (i % 211 == 0 ? 5000 : 0);
        }
        int from = 1_234;
        int to = 4_321;
        int[] inRange = Lttb.indices(x, y, from, to, 300);
        int[] ofCopy = Lttb.indices(java.util.Arrays.copyOfRange(x, from, to), java.util.Arrays.copyOfRange(y, from, to), 300);
        assertThat(inRange).hasSize(300);
        for (int i = 0; i < ofCopy.length; i++) {
            assertThat(inRange[i]).isEqualTo(ofCopy[i] + from);
        }
        assertThat(Lttb.indices(x, y, 10, 13, 300)).containsExactly(10, 11, 12);
    }

    @Test
    void mismatchedArrays_areRejected() {
        assertThatThrownBy(() -> Lttb.indices(new double[3], new double[2], 3, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
