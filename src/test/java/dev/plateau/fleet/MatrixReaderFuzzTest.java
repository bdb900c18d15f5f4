package dev.plateau.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plateau.testing.FuzzBudget;
import dev.plateau.testing.UserMessages;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzzes the streaming reader of Prometheus {@code query_range} answers ({@link MatrixReader}) that the fleet
 * judgement reads Prometheus, Thanos, Mimir or VictoriaMetrics with: any bytes give series or a
 * {@link FleetException} whose message is one printable line; no other exception escapes (an answer read from
 * memory cannot fail to be read, so an {@link IOException} is a finding too). Every point handed to the sink is
 * finite, and the count returned is the number of series the sink saw.
 */
class MatrixReaderFuzzTest {
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void anyAnswerGivesSeriesOrAOneLineFleetException(byte[] bytes) throws IOException {
        int[] seen = {0};
        int count;
        try {
            count = MatrixReader.read(new ByteArrayInputStream(bytes), (labels, points) -> {
                seen[0]++;
                assertThat(labels).doesNotContainKey(null);
                for (int i = 0; i < points.size(); i++) {
                    assertThat(Double.isFinite(points.value(i))).as("point %d of %s", i, labels).isTrue();
                }
            });
        } catch (FleetException e) {
            UserMessages.assertOneLine(e.getMessage(), "");
            return;
        }
        assertThat(count).isEqualTo(seen[0]);
    }
}
