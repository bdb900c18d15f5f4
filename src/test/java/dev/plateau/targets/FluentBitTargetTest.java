package dev.plateau.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plateau.runs.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Fluent Bit judged through {@code --target-command}, per request and per record from its own
 * {@code fluentbit_input_records_total}. Needs a binary: {@code $FLUENT_BIT}, {@code fluent-bit} on PATH, or
 * {@code ../shared/bin/fluent-bit-5.1.1}; skipped otherwise.
 */
class FluentBitTargetTest {
    @TempDir
    Path runs;
    @TempDir
    Path scenarios;

    @Test
    void aRealFluentBitIsJudgedPerRequestAndPerRecord() throws IOException {
        Optional<Path> fb = Plateau.fluentBit();
        assumeTrue(fb.isPresent(), "no Fluent Bit binary: set FLUENT_BIT=/path/to/fluent-bit (or put fluent-bit on PATH) to run this test");
        Path scenario = Plateau.scenario(scenarios, "fluent-bit", 80, 20, 300);
        String[] target = {"--quiet", "--target-command",
            "'" + fb.get() + "' -i http -p listen=127.0.0.1 -p port={port} -o null -m '*' -H -P {metrics_port}",
            "--target-url", "http://127.0.0.1:{port}/",
            "--target-metrics", "http://127.0.0.1:{metrics_port}/api/v2/metrics/prometheus"};

        Plateau perRequest = new Plateau(runs.resolve("req"));
        int rc = perRequest.run("soak", concat("--scenario", scenario.toString(), target));
        System.out.print(perRequest.out);
        assertThat(rc).as(perRequest.err.toString()).isZero();
        Run run = perRequest.onlyRun();
        assertThat(perRequest.out.toString()).contains("target_rss_bytes").contains("B/req");
        assertThat(run.table().has("fluentbit_input_records_total{name=\"http.0\"}")).isTrue();
        double[] answered = run.column("load_answered_total");
        assertThat(answered[answered.length - 1]).isEqualTo(80);
        assertThat(java.util.Arrays.stream(run.column("target_rss_bytes")).min().orElse(0)).isGreaterThan(1_000_000);

        Plateau perRecord = new Plateau(runs.resolve("rec"));
        rc = perRecord.run("soak", concat("--scenario", scenario.toString(), concat("--per", "record", target)));
        System.out.print(perRecord.out);
        assertThat(rc).as(perRecord.err.toString()).isZero();
        // Fluent Bit 5.1.1 advances its records counter only when it flushes a chunk: a short run may have too few
        // steps for a fit (insufficient data), but the slope is per record
        Run byRecord = perRecord.onlyRun();
        assertThat(byRecord.meta().path("summary").path("per").asText()).isEqualTo("rec");
        assertThat(byRecord.meta().path("summary").path("metrics").get(0).path("slope_unit").asText()).isEqualTo("B/rec");
        double[] records = byRecord.column("fluentbit_input_records_total{name=\"http.0\"}");
        assertThat(records[records.length - 1]).as("the records Fluent Bit counted").isPositive();
    }

    private static String[] concat(String a, String b, String... rest) {
        String[] out = new String[rest.length + 2];
        out[0] = a;
        out[1] = b;
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }
}
