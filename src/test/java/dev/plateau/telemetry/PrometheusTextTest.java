package dev.plateau.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) \\S.*");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge)");
    private static final Pattern SERIES = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-z_]+=\"[^\"]*\"(?:,[a-z_]+=\"[^\"]*\")*})? (-?[0-9]+(?:\\.[0-9]+)?)");

    /** Parses exposition text back: series key (name + labels) → value; fails on any line of another shape. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        String helped = null;
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                helped = m.group(1);
            } else if ((m = TYPE.matcher(line)).matches()) {
                assertThat(m.group(1)).as("TYPE follows its HELP").isEqualTo(helped);
                types.put(m.group(1), m.group(2));
                if (m.group(2).equals("counter")) {
                    assertThat(m.group(1)).endsWith("_total");
                }
            } else if ((m = SERIES.matcher(line)).matches()) {
                assertThat(types).as("series %s has a TYPE", m.group(1)).containsKey(m.group(1));
                String key = m.group(1) + (m.group(2) == null ? "" : m.group(2));
                assertThat(values).as("duplicate series " + key).doesNotContainKey(key);
                values.put(key, Double.parseDouble(m.group(3)));
            } else {
                throw new AssertionError("not an exposition line: '" + line + "'");
            }
        }
        return values;
    }

    @Test
    void everyLineParsesAndCarriesTheSample() {
        Sample s = TestSamples.sample(1_764_000_000_000L, 12.5, 42, 10_000_000, TestSamples.connections(3, 1_000_000));
        String text = PrometheusText.render(s, Map.of(201, 40L, 400, 1L, 413, 1L));
        assertThat(text).endsWith("\n");
        Map<String, Double> v = parse(text);
        assertThat(v).containsEntry("process_resident_memory_bytes", (double) s.rssBytes())
                .containsEntry("plateau_connections", 3.0)
                .containsEntry("plateau_connection_buffer_bytes", 10_000_000.0)
                .containsEntry("plateau_connection_buffer_max_bytes", 5_000_000.0)
                .containsEntry("plateau_connection_buffer_high_water_bytes", 10_000_000.0)
                .containsEntry("plateau_encoder_retained_bytes", 16_384.0)
                .containsEntry("plateau_encoder_allocations_total", 42.0)
                .containsEntry("plateau_encoder_allocated_bytes_total", 42.0 * 8192)
                .containsEntry("plateau_requests_total{code=\"201\"}", 40.0)
                .containsEntry("plateau_requests_total{code=\"400\"}", 1.0)
                .containsEntry("plateau_requests_total{code=\"413\"}", 1.0)
                .containsEntry("plateau_records_in_total", 420.0)
                .containsEntry("plateau_records_out_total", 420.0)
                .containsEntry("plateau_policy{name=\"shrink\"}", 1.0)
                .containsEntry("plateau_policy{name=\"reinit\"}", 0.0)
                .containsEntry("plateau_policy{name=\"idle_timeout_seconds\"}", 2.0)
                .containsEntry("jvm_memory_heap_used_bytes", 50_000_000.0)
                .containsEntry("jvm_direct_memory_used_bytes", 1_000_000.0)
                .containsKeys("jvm_gc_collections_total", "jvm_gc_collection_seconds_total");
        assertThat(v).doesNotContainKey("plateau_watched_process_resident_memory_bytes");
    }

    @Test
    void noRequestsYetStillExposesTheRequestsCounter() {
        Sample s = TestSamples.sample(1, 0, 0, 0, List.of());
        assertThat(parse(PrometheusText.render(s, Map.of()))).containsEntry("plateau_requests_total{code=\"201\"}", 0.0);
    }
}
