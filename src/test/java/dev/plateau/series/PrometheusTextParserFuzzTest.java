package dev.plateau.series;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plateau.testing.FuzzBudget;
import dev.plateau.testing.UserMessages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzzes the Prometheus text parser ({@link PrometheusTextParser#parse}) that {@code soak --target-metrics} reads
 * scrapes with: any bytes give samples or an {@link IllegalArgumentException} whose message is one printable line
 * starting with {@code line N}; nothing else escapes. Samples read are a fixed point of render-then-parse: written
 * back as {@code column value} lines and parsed again they give the same columns, values and units.
 */
class PrometheusTextParserFuzzTest {
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void scrapeParsesOrFailsNamingTheLine(byte[] bytes) throws IOException {
        Map<Series, Double> first;
        try {
            first = PrometheusTextParser.parse(new ByteArrayInputStream(bytes));
        } catch (IllegalArgumentException e) {
            UserMessages.assertOneLine(e.getMessage(), "line ");
            return;
        }
        Map<Series, Double> again = PrometheusTextParser.parse(new ByteArrayInputStream(render(first)));
        assertThat(byColumn(again)).isEqualTo(byColumn(first));
        assertThat(units(again)).isEqualTo(units(first));
    }

    private static byte[] render(Map<Series, Double> samples) {
        StringBuilder out = new StringBuilder();
        samples.forEach((s, v) -> out.append(s.column()).append(' ').append(number(v)).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(v);
    }

    /** Column → value, the later sample winning as in the parser (a series may repeat under another kind). */
    private static Map<String, Double> byColumn(Map<Series, Double> samples) {
        Map<String, Double> out = new LinkedHashMap<>();
        samples.forEach((s, v) -> out.put(s.column(), v));
        return out;
    }

    private static Map<String, String> units(Map<Series, Double> samples) {
        Map<String, String> out = new LinkedHashMap<>();
        samples.keySet().forEach(s -> out.put(s.column(), s.unit()));
        return out;
    }
}
