package dev.plateau.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.plateau.runs.Trend;
import dev.plateau.runs.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Joining, segmenting and judging one instance: counter resets and gaps split it, each segment is fitted alone. */
class InstanceJudgeTest {
    private static final long STEP = 60_000;
    private final InstanceJudge judge = new InstanceJudge(new Trend(), STEP, "B/record");

    @Test
    void counterResetStartsASegmentAndWorkStaysCumulativeAcrossIt() {
        Points memory = new Points();
        Points work = new Points();
        for (int i = 0; i < 200; i++) {
            long records = (i < 100 ? i : i - 100) * 100L;
            memory.add(i * STEP, 10e6 + records * 2_000);
            work.add(i * STEP, records);
        }
        InstanceHistory h = judge.history(Map.of("pod", "a"), memory, work);
        assertThat(h.segments()).extracting(Segment::cause).containsExactly("start", "counter reset");
        assertThat(h.segments()).allSatisfy(s -> assertThat(s.trend().slope()).isCloseTo(2_000, within(1e-6)));
        assertThat(h.work()[199]).isEqualTo(9_900 + 9_900);
        InstanceResult r = judge.result(Map.of("pod", "a"), h);
        assertThat(r.verdict()).isEqualTo(Verdict.GROWING);
        assertThat(r.segmentSummary()).isEqualTo("2 (1 restart)");
    }

    @Test
    void samplesMissingForMoreThanTwoStepsStartASegment() {
        Points memory = new Points();
        Points work = new Points();
        for (int i = 0; i < 100; i++) {
            long t = (i < 50 ? i : i + 10) * STEP;
            memory.add(t, 5e6 + (i % 3) * 1_000);
            work.add(t, i * 100L);
        }
        InstanceHistory h = judge.history(Map.of("pod", "a"), memory, work);
        assertThat(h.segments()).extracting(Segment::cause).containsExactly("start", "gap");
        assertThat(judge.result(Map.of("pod", "a"), h).verdict()).isEqualTo(Verdict.PLATEAU);
    }

    @Test
    void onlyCommonTimestampsAreJudged() {
        Points memory = new Points();
        Points work = new Points();
        for (int i = 0; i < 40; i++) {
            memory.add(i * STEP, 1e6 + i);
            if (i % 2 == 0) {
                work.add(i * STEP, i);
            }
        }
        assertThat(judge.history(Map.of(), memory, work).times()).hasSize(20);
    }
}
