package dev.plateau.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict Prometheus text 0.0.4 reader: Fluent Bit's own output, labels, kinds, units, and clear errors. */
class PrometheusTextParserTest {
    /** Lines as Fluent Bit 5.1.1 serves them on /api/v2/metrics/prometheus. */
    private static final String FLUENT_BIT = """
            # HELP fluentbit_uptime Number of seconds that Fluent Bit has been running.
            # TYPE fluentbit_uptime counter
            fluentbit_uptime{hostname="box"} 12
            # HELP fluentbit_input_records_total Number of input records.
            # TYPE fluentbit_input_records_total counter
            fluentbit_input_records_total{name="http.0"} 27000
            # TYPE fluentbit_input_bytes_total counter
            fluentbit_input_bytes_total{name="http.0"} 3.3e+07
            # TYPE fluentbit_storage_chunks gauge
            fluentbit_storage_chunks 0
            # TYPE fluentbit_build_info gauge
            fluentbit_build_info{hostname="box",version="5.1.1",os="linux"} 1781234567
            """;

    private static Map<Series, Double> parse(String text) throws IOException {
        return PrometheusTextParser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fluentBitSeriesKeepTheirLabelsKindAndUnit() throws IOException {
        Map<Series, Double> m = parse(FLUENT_BIT);

        Series records = new Series("fluentbit_input_records_total", Map.of("name", "http.0"), Series.COUNT, Kind.COUNTER);
        assertThat(m).containsEntry(records, 27_000.0);
        assertThat(records.column()).isEqualTo("fluentbit_input_records_total{name=\"http.0\"}");
        Series bytes = m.keySet().stream().filter(s -> s.name().equals("fluentbit_input_bytes_total")).findFirst().orElseThrow();
        assertThat(bytes.isBytes()).isTrue();
        assertThat(m.get(bytes)).isEqualTo(33_000_000.0);
        Series chunks = Series.gauge("fluentbit_storage_chunks", Series.COUNT);
        assertThat(m).containsEntry(chunks, 0.0);
        Series info = m.keySet().stream().filter(s -> s.name().equals("fluentbit_build_info")).findFirst().orElseThrow();
        assertThat(info.column()).isEqualTo("fluentbit_build_info{hostname=\"box\",os=\"linux\",version=\"5.1.1\"}");
    }

    @Test
    void escapesInfinitiesTimestampsAndHistogramParts() throws IOException {
        Map<Series, Double> m = parse("""
                # TYPE lat histogram
                lat_bucket{le="+Inf"} 5 1700000000000
                lat_count 5
                odd{path="a\\"b\\\\c\\nd",} +Inf
                """);

        assertThat(m.keySet()).extracting(Series::kind).containsExactly(Kind.COUNTER, Kind.COUNTER, Kind.GAUGE);
        Series odd = m.keySet().stream().filter(s -> s.name().equals("odd")).findFirst().orElseThrow();
        assertThat(odd.labels()).containsEntry("path", "a\"b\\c\nd");
        assertThat(m.get(odd)).isInfinite();
    }

    @Test
    void notPrometheusTextIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> parse("<html><body>metrics</body></html>"))
                .hasMessage("line 1: expected a metric name, found '<html><body>metrics</body></html>'");
        assertThatThrownBy(() -> parse("# ok\nup{job=\"x\" 1\n")).hasMessageStartingWith("line 2: expected ',' or '}'");
        assertThatThrownBy(() -> parse("up one\n")).hasMessage("line 1: 'one' is not a number");
        assertThatThrownBy(() -> parse("{\"json\": 1}")).hasMessageStartingWith("line 1: expected a metric name");
    }

    @Test
    void aTenMegabyteLineIsRefusedWithoutReadingItWhole() {
        InputStream endless = new InputStream() {
            private long served;

            @Override
            public int read() {
                return served++ < 10L * 1024 * 1024 ? '1' : -1;
            }
        };

        assertThatThrownBy(() -> PrometheusTextParser.parse(endless))
                .hasMessage("line 1 is longer than " + PrometheusTextParser.MAX_LINE + " bytes");
    }
}
