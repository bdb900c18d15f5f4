package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plateau.collector.CollectorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Security by default: loopback unless told otherwise, an optional bearer token, and nothing a client sends — a
 * path, a tag field, a header — can reach a file name, split a line of the output or of the log, or inject a
 * header into a response.
 */
class SecurityDefaultsTest {
    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void listensOnLoopbackUnlessToldOtherwise() {
        assertThat(CollectorConfig.builder().build().listen()).isEqualTo("127.0.0.1");
        try (AttackedCollector c = AttackedCollector.start(dir, b -> b.listen(CollectorConfig.builder().build().listen()))) {
            assertThat(c.address().getAddress().isLoopbackAddress()).as("bound to %s", c.address()).isTrue();
        }
    }

    @Test
    void bearerTokenIsRequiredForIngestion() throws Exception {
        try (AttackedCollector c = AttackedCollector.start(dir, b -> b.bearerToken("s3cret-token"))) {
            URI uri = URI.create("http://127.0.0.1:" + c.address().getPort() + "/secure");
            for (String auth : new String[] {null, "Bearer wrong", "Basic czNjcmV0LXRva2Vu", "Bearer s3cret-token2",
                "Bearer  s3cret-token", "bearer"}) {
                HttpRequest.Builder rb = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"));
                if (auth != null) {
                    rb.header("Authorization", auth);
                }
                HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("Authorization: %s", auth).isEqualTo(401);
            }
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer s3cret-token")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(201);
            c.accepted(1);
            Aftermath.awaitAccounting(c);
            Aftermath.assertNoLeaks();
        }
    }

    @ParameterizedTest(name = "path {0}")
    @ValueSource(strings = {"/../../etc/passwd", "/..%2F..%2Fetc%2Fpasswd", "/a%0D%0Ab: [0, {}]", "/%00x", "/a b"})
    void hostilePathBecomesAHarmlessTag(String path) throws Exception {
        Path nested = Files.createDirectories(dir.resolve("a").resolve("b"));
        try (AttackedCollector c = AttackedCollector.start(nested)) {
            try (RawConnection conn = RawConnection.open(c.address())) {
                conn.write(Requests.json(path, "{\"a\":1}"));
                RawResponse r = conn.readResponse();
                assertThat(r.status()).as("%s", r).isIn(201, 400);
                if (r.is2xx()) {
                    c.accepted(1);
                }
            }
            Aftermath.check(c);
            for (String line : c.outputLines()) {
                String tag = line.substring(0, line.indexOf(": ["));
                assertThat(tag).as("tag in %s", line).matches("[A-Za-z0-9_.]+").doesNotContain("/");
            }
        }
        assertThat(names(dir)).as("nothing created beside the output's parents").containsExactly("a");
        assertThat(names(dir.resolve("a"))).containsExactly("b");
        assertThat(names(nested)).as("only the output file").containsExactly("out.log");
    }

    static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void tagFromTagKeyCannotSplitAnOutputLine() throws Exception {
        try (AttackedCollector c = AttackedCollector.start(dir, b -> b.tagKey("tag"))) {
            try (RawConnection conn = RawConnection.open(c.address())) {
                conn.write(Requests.json("/tk", "[{\"tag\":\"evil\\nx: [0, {}]\\r\\n../../etc\",\"m\":1},{\"tag\":\"ok.tag\",\"m\":2}]"));
                assertThat(conn.readResponse().status()).isEqualTo(201);
                c.accepted(2);
            }
            Aftermath.check(c);
            assertThat(c.outputLines()).as("control characters of the tag became '_'")
                    .anyMatch(line -> line.startsWith("evil_x: [0, {}]__../../etc: ["))
                    .anyMatch(line -> line.startsWith("ok.tag: ["));
        }
    }

    @Test
    void headersWithLineBreaksCannotInjectIntoResponsesRecordsOrLogLines() throws Exception {
        try (AttackedCollector c = AttackedCollector.start(dir, b -> b.addRemoteAddr(true))) {
            List<byte[]> requests = List.of(
                    Requests.post("/h", Requests.JSON, "X-Forwarded-For: 1.2.3.4\rSet-Cookie: pwned=1\r\n", Requests.utf8("{\"a\":1}")),
                    Requests.post("/h", Requests.JSON, "X-Forwarded-For: 1.2.3.4\nSet-Cookie: pwned=2\r\n", Requests.utf8("{\"a\":1}")),
                    Requests.post("/h", Requests.JSON, "X-Forwarded-For: \"a\\\"b\\n\", 5.6.7.8\r\n", Requests.utf8("{\"a\":1}")));
            for (byte[] request : requests) {
                try (RawConnection conn = RawConnection.open(c.address())) {
                    conn.write(request);
                    RawResponse r = conn.readResponse();
                    assertThat(r).isNotNull();
                    assertThat(r.status()).as("%s", r).isIn(201, 400);
                    assertThat(r.header("set-cookie")).as("injected header in %s", r).isNull();
                    if (r.is2xx()) {
                        c.accepted(1);
                    }
                }
            }
            Aftermath.check(c);
            for (String line : c.outputLines()) {
                assertThat(line).matches("[^\\r\\n]*: \\[.*\\]$");
            }
        }
    }

    @Test
    void successHeaderWithLineBreaksIsRefusedAtConfiguration() {
        assertThatThrownBy(() -> new CollectorConfig.Header("X-Ok", "a\r\nSet-Cookie: x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be one line");
        assertThatThrownBy(() -> CollectorConfig.Header.parse("X-Bad\r\nName v"))
                .isInstanceOf(IllegalArgumentException.class);
    }

}
