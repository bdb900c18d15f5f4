package dev.plateau.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The query grid: aligned on the step, chunks of at most 11,000 points that tile the range without overlap. */
class RangePlanTest {
    private static final Instant END = Instant.parse("2026-12-01T12:34:56.789Z");

    @Test
    void autoStepGivesAboutOneMinuteOver24HoursAndOneSecondOverAMinute() {
        assertThat(RangePlan.of(END, Duration.ofHours(24), null).step()).isEqualTo(Duration.ofMinutes(1));
        assertThat(RangePlan.of(END, Duration.ofMinutes(1), null).step()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void alignsStartAndEndOnTheStep() {
        RangePlan plan = RangePlan.of(END, Duration.ofHours(1), Duration.ofSeconds(15));
        assertThat(plan.end()).isEqualTo(Instant.parse("2026-12-01T12:34:45Z"));
        assertThat(plan.start()).isEqualTo(Instant.parse("2026-12-01T11:34:45Z"));
        assertThat(plan.points()).isEqualTo(241);
        assertThat(plan.chunks()).singleElement().satisfies(c -> assertThat(c.points(plan.step())).isEqualTo(241));
    }

    @Test
    void splitsSoNoQueryExceedsElevenThousandPointsAndChunksTileTheGrid() {
        RangePlan plan = RangePlan.of(END, Duration.ofDays(7), Duration.ofSeconds(10));
        assertThat(plan.points()).isEqualTo(60_481);
        assertThat(plan.chunks()).hasSize(6);
        long total = 0;
        for (int i = 0; i < plan.chunks().size(); i++) {
            RangePlan.Chunk c = plan.chunks().get(i);
            assertThat(c.points(plan.step())).isLessThanOrEqualTo(RangePlan.MAX_POINTS);
            if (i > 0) {
                assertThat(c.start()).isEqualTo(plan.chunks().get(i - 1).end().plus(plan.step()));
            }
            total += c.points(plan.step());
        }
        assertThat(total).isEqualTo(plan.points());
        assertThat(plan.chunks().get(0).start()).isEqualTo(plan.start());
        assertThat(plan.chunks().get(5).end()).isEqualTo(plan.end());
    }

    @Test
    void refusesARangeOfFewerThanTwoSteps() {
        assertThatThrownBy(() -> RangePlan.of(END, Duration.ofSeconds(30), Duration.ofMinutes(1)))
                .hasMessageContaining("fewer than 2 steps");
    }
}
