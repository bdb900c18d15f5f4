package dev.plateau.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming reader of query_range answers: series by series, special values skipped, errors in one line. */
class MatrixReaderTest {
    private final List<String> seen = new ArrayList<>();

    private int read(String json) throws Exception {
        return MatrixReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), (labels, points) -> {
            StringBuilder s = new StringBuilder(labels.toString());
            for (int i = 0; i < points.size(); i++) {
                s.append(' ').append(points.time(i)).append('=').append(points.value(i));
            }
            seen.add(s.toString());
        });
    }

    @Test
    void readsEverySeriesWithItsLabelsAndSkipsNonFiniteValues() throws Exception {
        int n = read("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"instance\":\"a\"},\"values\":[[1700000000.5,\"12\"],[1700000001,\"NaN\"],[1700000002,\"+Inf\"]]},"
                + "{\"values\":[[1700000000,\"1e3\"]],\"metric\":{\"instance\":\"b\",\"job\":\"j\"}}]},\"warnings\":[\"w\"]}");
        assertThat(n).isEqualTo(2);
        assertThat(seen).containsExactly("{instance=a} 1700000000500=12.0", "{instance=b, job=j} 1700000000000=1000.0");
    }

    @Test
    void errorAnswerBecomesItsTypeAndText() {
        assertThatThrownBy(() -> read("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}"))
                .isInstanceOf(FleetException.class).hasMessage("bad_data: parse error");
    }

    @Test
    void vectorOrScalarAnswersAreNotRangeVectors() {
        assertThatThrownBy(() -> read("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"))
                .hasMessageContaining("not a range vector");
        assertThatThrownBy(() -> read("{\"status\":\"success\",\"data\":{\"result\":[{\"metric\":{},\"value\":[1,\"2\"]}]}}"))
                .hasMessageContaining("not a range vector");
    }

    @Test
    void plainTextErrorBodiesGiveTheirFirstLine() {
        assertThat(PrometheusClient.errorText("404 page not found\nmore".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("404 page not found");
        assertThat(PrometheusClient.errorText("{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo("execution: x");
    }
}
