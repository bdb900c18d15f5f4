package dev.plateau.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.series.Kind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A run recorded by Plateau 0.1 (src/test/resources/runs/v0.1-small-before: {@code plateau soak} on
 * small-before.json before the series model; 28 fixed columns, no {@code series} in run.json) still loads, its
 * columns get the embedded collector's units and kinds, and it is judged per request as before.
 */
class RunFormat01Test {
    private static Run load() throws IOException, URISyntaxException {
        Path dir = Path.of(RunFormat01Test.class.getResource("/runs/v0.1-small-before").toURI());
        return new RunStore(dir.getParent()).load(dir);
    }

    @Test
    void aZeroPointOneRunLoadsWithUnitsAndKinds() throws Exception {
        Run run = load();

        assertThat(run.meta().has("series")).isFalse();
        assertThat(run.table().size()).isEqualTo(121);
        assertThat(run.samples()).hasSize(121);
        assertThat(run.table().series("conn_buffer_bytes").isBytes()).isTrue();
        assertThat(run.table().series("requests_total").kind()).isEqualTo(Kind.COUNTER);
        double[] requests = run.column("requests_total");
        assertThat(requests[requests.length - 1]).isEqualTo(400);
    }

    @Test
    void aZeroPointOneRunIsJudgedPerRequestFromItsOwnCounter() throws Exception {
        Run run = load();

        RunStats s = RunStats.of(run, "conn_buffer_bytes", new Trend());

        assertThat(s.unit()).isEqualTo("B/req");
        assertThat(s.verdict()).isEqualTo(Verdict.GROWING);
        assertThat(RunStats.of(run, "encoder_retained_bytes", new Trend()).verdict()).isEqualTo(Verdict.PLATEAU);
        assertThat(Comparison.of(java.util.List.of(run), "conn_buffer_bytes", Alignment.REQUESTS, new Trend())
                .series().get(0).x()).endsWith(400.0 - requests0(run));
    }

    private static double requests0(Run run) {
        return run.column("requests_total")[0];
    }
}
