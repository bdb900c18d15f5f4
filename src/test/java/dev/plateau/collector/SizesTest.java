package dev.plateau.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void parseSize_isDecimalLikeFluentBit() {
        assertThat(Sizes.parseSize("512K")).isEqualTo(512_000);
        assertThat(Sizes.parseSize("4M")).isEqualTo(4_000_000);
        assertThat(Sizes.parseSize("4mb")).isEqualTo(4_000_000);
        assertThat(Sizes.parseSize("1G")).isEqualTo(1_000_000_000);
        assertThat(Sizes.parseSize("1.5M")).isEqualTo(1_500_000);
        assertThat(Sizes.parseSize("1234")).isEqualTo(1234);
    }

    @Test
    void parseSize_rejectsGarbageNamingIt() {
        assertThatThrownBy(() -> Sizes.parseSize("4X")).hasMessageContaining("'4X' is not a size");
        assertThatThrownBy(() -> Sizes.parseSize("-1")).hasMessageContaining("'-1'");
    }

    @Test
    void parseDuration_acceptsUnitsAndBareSeconds() {
        assertThat(Sizes.parseDuration("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Sizes.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Sizes.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Sizes.parseDuration("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Sizes.parseDuration("0")).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> Sizes.parseDuration("soon")).hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void formatSize_roundTripsExactUnits() {
        assertThat(Sizes.formatSize(1_000_000)).isEqualTo("1M");
        assertThat(Sizes.formatSize(512_000)).isEqualTo("512K");
        assertThat(Sizes.formatSize(1_048_576)).isEqualTo("1048576");
    }
}
