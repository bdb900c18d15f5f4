package dev.plateau.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Sizes and durations as users write them ({@link Sizes}): every value formats to text that parses back to the
 * same value, and formatting is canonical (parsing what was formatted and formatting again changes nothing).
 */
class SizesPropertiesTest {
    @Property
    void sizeFormatThenParseGivesTheSameBytes(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bytes) {
        assertThat(Sizes.parseSize(Sizes.formatSize(bytes))).isEqualTo(bytes);
    }

    @Property
    void sizeOfEveryUnitRoundTrips(@ForAll @LongRange(min = 0, max = 9_000_000) long n) {
        for (String unit : new String[] {"", "K", "M", "G", "k", "KB", "mb"}) {
            long bytes = Sizes.parseSize(n + unit);
            assertThat(Sizes.parseSize(Sizes.formatSize(bytes))).isEqualTo(bytes);
            assertThat(Sizes.formatSize(Sizes.parseSize(Sizes.formatSize(bytes)))).isEqualTo(Sizes.formatSize(bytes));
        }
    }

    @Property
    void durationFormatThenParseGivesTheSameMillis(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long ms) {
        Duration d = Duration.ofMillis(ms);
        assertThat(Sizes.parseDuration(Sizes.formatDuration(d))).isEqualTo(d);
    }

    @Property
    void durationOfEveryUnitRoundTrips(@ForAll @LongRange(min = 0, max = 100_000) long n) {
        for (String unit : new String[] {"", "ms", "s", "m", "h", "d", "MS", "S"}) {
            Duration d = Sizes.parseDuration(n + unit);
            assertThat(Sizes.parseDuration(Sizes.formatDuration(d))).isEqualTo(d);
        }
    }
}
