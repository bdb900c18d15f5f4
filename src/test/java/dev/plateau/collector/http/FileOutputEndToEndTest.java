package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.FileFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records answered 2xx reach the file output exactly, with their tags; rejected requests leave nothing. */
class FileOutputEndToEndTest {
    private static final String JSON = "application/json";
    private static final Pattern OUT_FILE = Pattern.compile("^(\\S+): \\[(\\d+\\.\\d{9}), (.*)\\]$");
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void jsonLinesFileHoldsExactlyTheAcceptedRecordsAfterStop() throws Exception {
        Path out = dir.resolve("out.jsonl");
        List<JsonNode> expected = new ArrayList<>();
        try (CollectorFixture fx = new CollectorFixture(b -> b.output("file:" + out).fileFormat(FileFormat.JSON_LINES)
                .flush(Duration.ofHours(1)));
                RawHttp raw = fx.raw()) {
            for (int request = 0; request < 5; request++) {
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < 20; i++) {
                    ObjectNode rec = mapper.createObjectNode().put("i", request * 20 + i).put("msg", "line \"" + i + "\" é");
                    expected.add(rec);
                    body.append(i == 0 ? "" : ",").append(rec);
                }
                assertThat(raw.exchange(RawHttp.post("/app", JSON, body.append("]").toString(), "")).status()).isEqualTo(201);
                assertThat(raw.exchange(RawHttp.post("/app", JSON, "[{\"ok\":1},oops]", "")).status()).isEqualTo(400);
            }
            fx.collector.stop();
            assertThat(fx.collector.counters().recordsOutTotal()).isEqualTo(fx.collector.counters().recordsInTotal())
                    .isEqualTo(100);
        }
        List<JsonNode> actual = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            ObjectNode node = (ObjectNode) mapper.readTree(line);
            assertThat(node.get("date").isNumber()).isTrue();
            node.remove("date");
            actual.add(node);
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void outFileLinesCarryTagsFromPathsAndOneTimestampPerRequest() throws Exception {
        Path out = dir.resolve("out.log");
        try (CollectorFixture fx = new CollectorFixture(b -> b.output("file:" + out).flush(Duration.ofMillis(50)));
                RawHttp raw = fx.raw()) {
            assertThat(raw.exchange(RawHttp.post("/app.log", JSON, "[{\"a\":1},{\"b\":\"x\"}]", "")).status()).isEqualTo(201);
            assertThat(raw.exchange(RawHttp.post("/", JSON, "{\"c\":3}", "")).status()).isEqualTo(201);
            assertThat(raw.exchange(RawHttp.post("/a%20b$c/d?x=1", JSON, "{\"d\":4}", "")).status()).isEqualTo(201);
            assertThat(raw.exchange(RawHttp.post("/form", "application/x-www-form-urlencoded", "k=v&n=2", "")).status())
                    .isEqualTo(201);
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(5);
        List<String[]> parsed = new ArrayList<>();
        for (String line : lines) {
            Matcher m = OUT_FILE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            parsed.add(new String[] {m.group(1), m.group(2), m.group(3)});
        }
        assertThat(parsed).extracting(p -> p[0] + " " + p[2]).containsExactly(
                "app.log {\"a\":1}", "app.log {\"b\":\"x\"}", "http.0 {\"c\":3}", "a_20b_c_d {\"d\":4}",
                "form {\"k\":\"v\",\"n\":\"2\"}");
        assertThat(parsed.get(0)[1]).as("one EventTime per request").isEqualTo(parsed.get(1)[1]);
    }

    @Test
    void addsFirstForwardedForAndTakesTagFromTagKey() throws Exception {
        Path out = dir.resolve("remote.log");
        try (CollectorFixture fx = new CollectorFixture(b -> b.output("file:" + out).addRemoteAddr(true).tagKey("t")
                .flush(Duration.ofMillis(50)));
                RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange(RawHttp.post("/base", JSON, "[{\"t\":\"custom\",\"v\":1},{\"v\":2}]",
                    "X-Forwarded-For: 10.1.2.3, 10.0.0.1\r\n"));
            assertThat(r.status()).isEqualTo(201);
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("custom: [").contains("\"REMOTE_ADDR\":\"10.1.2.3\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("base: [").contains("\"v\":2", "\"REMOTE_ADDR\":\"10.1.2.3\""));
    }
}
