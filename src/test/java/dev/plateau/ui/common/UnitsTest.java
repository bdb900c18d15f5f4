package dev.plateau.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.ui.common.Units;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void bytes_areDecimalLikeFluentBit() {
        assertThat(Units.bytes(0)).isEqualTo("0 B");
        assertThat(Units.bytes(999)).isEqualTo("999 B");
        assertThat(Units.bytes(512_000)).isEqualTo("512 KB");
        assertThat(Units.bytes(1_000_000)).isEqualTo("1 MB");
        assertThat(Units.bytes(1_500_000)).isEqualTo("1.5 MB");
        assertThat(Units.bytes(5_242_880)).isEqualTo("5.24 MB");
        assertThat(Units.bytes(23_400_000)).isEqualTo("23.4 MB");
        assertThat(Units.bytes(2_300_000_000L)).isEqualTo("2.3 GB");
        assertThat(Units.bytes(-4_000_000)).isEqualTo("-4 MB");
    }

    @Test
    void elapsed_readsAsSecondsMinutesHours() {
        assertThat(Units.elapsed(0)).isEqualTo("0 s");
        assertThat(Units.elapsed(45.4)).isEqualTo("45 s");
        assertThat(Units.elapsed(120)).isEqualTo("2 min");
        assertThat(Units.elapsed(150)).isEqualTo("2:30 min");
        assertThat(Units.elapsed(3_900)).isEqualTo("1:05 h");
        assertThat(Units.elapsed(-3)).isEqualTo("0 s");
    }

    @Test
    void counts_useKAndM() {
        assertThat(Units.count(950)).isEqualTo("950");
        assertThat(Units.count(12_500)).isEqualTo("12.5k");
        assertThat(Units.count(3_200_000)).isEqualTo("3.2M");
    }

    @Test
    void age_showsMillisecondsBelowOneSecond() {
        assertThat(Units.age(850)).isEqualTo("850 ms");
        assertThat(Units.age(12_000)).isEqualTo("12 s");
    }

    @Test
    void axisConverters_formatTicks() {
        assertThat(Units.bytesAxis().toString(50_000_000)).isEqualTo("50 MB");
        assertThat(Units.elapsedAxis().toString(90)).isEqualTo("1:30 min");
        assertThat(Units.countAxis().toString(2_000)).isEqualTo("2k");
    }

    @Test
    void niceTimeStep_givesAtMostTenTicks() {
        assertThat(Units.niceTimeStep(10)).isEqualTo(1);
        assertThat(Units.niceTimeStep(60)).isEqualTo(10);
        assertThat(Units.niceTimeStep(300)).isEqualTo(30);
        assertThat(Units.niceTimeStep(1800)).isEqualTo(300);
        assertThat(Units.niceTimeStep(7 * 3600)).isEqualTo(3600);
    }
}
