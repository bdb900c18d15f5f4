package dev.plateau.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PayloadGeneratorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void jsonArray_isValidJsonWithOneObjectPerLine() throws Exception {
        JsonNode root = MAPPER.readTree(PayloadGenerator.jsonArray(50, 7));
        assertThat(root.isArray()).isTrue();
        assertThat(root.size()).isEqualTo(50);
        for (JsonNode record : root) {
            assertThat(record.isObject()).isTrue();
            assertThat(record.fieldNames()).toIterable().contains("timestamp", "level", "logger", "thread",
                    "message", "trace_id", "span_id", "http", "context");
            assertThat(record.get("http").get("status").isInt()).isTrue();
            assertThat(record.get("context").get("user").isObject()).isTrue();
            assertThat(record.get("trace_id").asText()).hasSize(32);
        }
    }

    @Test
    void jsonArray_averagesAbout1100BytesPerLine() {
        byte[] seedCase = PayloadGenerator.jsonArray(4500, PayloadGenerator.DEFAULT_SEED);
        assertThat(seedCase.length).isBetween(4_500_000, 5_500_000);
        byte[] one = PayloadGenerator.jsonArray(1, 3);
        assertThat(one.length).isBetween(700, 1600);
    }

    @Test
    void jsonArray_isDeterministicForASeed() {
        assertThat(PayloadGenerator.jsonArray(20, 42)).isEqualTo(PayloadGenerator.jsonArray(20, 42));
        assertThat(PayloadGenerator.jsonArray(20, 42)).isNotEqualTo(PayloadGenerator.jsonArray(20, 43));
    }

    @Test
    void jsonArray_rejectsZeroLines() {
        assertThatThrownBy(() -> PayloadGenerator.jsonArray(0, 1)).hasMessageContaining("lines");
    }
}
