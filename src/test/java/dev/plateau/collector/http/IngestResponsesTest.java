package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of docs/DESIGN.md §1's answer table, on a real socket, status and body byte for byte. */
class IngestResponsesTest {
    private static final String JSON = "application/json";
    private CollectorFixture fx;

    @BeforeEach
    void start() {
        fx = new CollectorFixture(b -> b.bufferChunkSize(10_000).bufferMaxSize(100_000));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static void assertAnswer(RawHttp.Response r, String statusLine, String body) {
        assertThat(r.statusLine()).isEqualTo(statusLine);
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(body.length()));
    }

    private RawHttp.Response rawPost(String path, String contentType, String body, String extra) throws IOException {
        try (RawHttp raw = fx.raw()) {
            return raw.exchange(RawHttp.post(path, contentType, body, extra));
        }
    }

    private long recordsIn() {
        return fx.collector.counters().recordsInTotal();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}", "[{\"a\":1},{\"b\":2}]", "{\"a\":1}{\"b\":2} {\"c\":3}"})
    void acceptsObjectArrayAndConcatenatedObjectsWith201AndEmptyBody(String body) throws Exception {
        HttpResponse<String> r = fx.post("/app.log", JSON, body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Content-Length")).hasValue("0");
        int expected = body.startsWith("[") ? 2 : body.length() - body.replace("{", "").length();
        assertThat(recordsIn()).isEqualTo(expected);
    }

    @Test
    void rawSuccessAnswerIsHttp11CreatedWithZeroLength() throws Exception {
        RawHttp.Response r = rawPost("/", JSON, "{\"a\":1}", "");
        assertAnswer(r, "HTTP/1.1 201 Created", "");
        assertThat(recordsIn()).isEqualTo(1);
    }

    @Test
    void acceptsFormUrlencoded() throws Exception {
        HttpResponse<String> r = fx.post("/form", "application/x-www-form-urlencoded",
                "a=1&b=2".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(recordsIn()).isEqualTo(1);
    }

    @Test
    void acceptsJsonWithParameters() throws Exception {
        HttpResponse<String> r = fx.post("/p", "application/json; charset=utf-8", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(201);
    }

    @Test
    void inflatesGzip() throws Exception {
        HttpResponse<String> r = fx.post("/gz", JSON, gzip("[{\"a\":1},{\"a\":2},{\"a\":3}]"), "Content-Encoding", "gzip");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(recordsIn()).isEqualTo(3);
    }

    @Test
    void acceptsChunkedTransferEncoding() throws Exception {
        try (RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange("POST /chunked HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n4\r\n[{\"a\r\n9\r\n\":1},{}]\n\r\n0\r\n\r\n");
            assertAnswer(r, "HTTP/1.1 201 Created", "");
        }
        assertThat(recordsIn()).isEqualTo(2);
    }

    @Test
    void rejectsMissingContentType() throws Exception {
        assertAnswer(rawPost("/", null, "{\"a\":1}", ""), "HTTP/1.1 400 Bad Request",
                "error: header 'Content-Type' is not set\n");
        assertThat(recordsIn()).isZero();
    }

    @Test
    void rejectsTextPlain() throws Exception {
        assertAnswer(rawPost("/", "text/plain", "{\"a\":1}", ""), "HTTP/1.1 400 Bad Request", "error: invalid 'Content-Type'\n");
    }

    @Test
    void rejectsEmptyBody() throws Exception {
        assertAnswer(rawPost("/", JSON, "", ""), "HTTP/1.1 400 Bad Request", "error: no payload found\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT"})
    void rejectsOtherMethods(String method) throws Exception {
        try (RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange(method + " / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 7\r\n\r\n{\"a\":1}");
            assertAnswer(r, "HTTP/1.1 400 Bad Request", "error: invalid HTTP method\n");
        }
        assertThat(recordsIn()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":", "hello", "42", "\"text\"", "{\"a\":1} garbage", "[{\"a\":1},2,{\"b\":3}]"})
    void rejectsUnprocessableBodiesAndKeepsNothing(String body) throws Exception {
        assertAnswer(rawPost("/", JSON, body, ""), "HTTP/1.1 400 Bad Request", "error: unable to process records\n");
        assertThat(recordsIn()).isZero();
    }

    @Test
    void rejectsInvalidUtf8() throws Exception {
        byte[] head = ("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        try (RawHttp raw = fx.raw()) {
            assertAnswer(raw.send(all).read(), "HTTP/1.1 400 Bad Request", "error: unable to process records\n");
        }
        assertThat(recordsIn()).isZero();
    }

    @Test
    void rejectsCorruptGzip() throws Exception {
        byte[] z = gzip("[{\"a\":1},{\"a\":2}]");
        byte[] truncated = Arrays.copyOf(z, z.length - 6);
        HttpResponse<String> r = fx.post("/", JSON, truncated, "Content-Encoding", "gzip");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("error: unable to process records\n");
        assertThat(recordsIn()).isZero();
    }

    @Test
    void rejectsDeflate() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out)) {
            d.write("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = fx.post("/", JSON, out.toByteArray(), "Content-Encoding", "deflate");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("error: unable to process records\n");
    }

    @Test
    void rejectsUnknownContentEncoding() throws Exception {
        assertAnswer(rawPost("/", JSON, "{\"a\":1}", "Content-Encoding: br\r\n"), "HTTP/1.1 400 Bad Request",
                "error: unsupported content encoding\n");
        assertThat(recordsIn()).isZero();
    }

    @Test
    void answers413WithConnectionCloseAndClosesForBodyOverMax() throws Exception {
        char[] big = new char[150_000];
        Arrays.fill(big, ' ');
        String body = "[" + new String(big) + "]";
        try (RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange(RawHttp.post("/", JSON, body, ""));
            assertAnswer(r, "HTTP/1.1 413 Request Entity Too Large", "");
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(recordsIn()).isZero();
    }

    @Test
    void answers413ThroughHttpClientToo() throws Exception {
        byte[] body = new byte[150_000];
        Arrays.fill(body, (byte) ' ');
        body[0] = '[';
        body[body.length - 1] = ']';
        HttpResponse<String> r = fx.post("/", JSON, body);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void answers413ForGzipInflatingPastMax() throws Exception {
        char[] big = new char[150_000];
        Arrays.fill(big, ' ');
        HttpResponse<String> r = fx.post("/", JSON, gzip("[" + new String(big) + "]"), "Content-Encoding", "gzip");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(recordsIn()).isZero();
    }

    @Test
    void expectContinueIsAnsweredThenTheBodyAccepted() throws Exception {
        try (RawHttp raw = fx.raw()) {
            raw.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 7\r\n"
                    + "Expect: 100-continue\r\n\r\n");
            assertThat(raw.read().statusLine()).isEqualTo("HTTP/1.1 100 Continue");
            assertAnswer(raw.send("{\"a\":1}").read(), "HTTP/1.1 201 Created", "");
        }
    }

    @Test
    void expectContinueWithContentLengthOverMaxGets413WithoutContinue() throws Exception {
        try (RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000000\r\nExpect: 100-continue\r\n\r\n");
            assertAnswer(r, "HTTP/1.1 413 Request Entity Too Large", "");
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void http10WithoutKeepAliveIsAnsweredThenClosed() throws Exception {
        try (RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange("POST / HTTP/1.0\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 7\r\n\r\n{\"a\":1}");
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.body()).isEmpty();
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void http10WithKeepAliveIsAnsweredKeepAliveAndStaysOpen() throws Exception {
        String request = "POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Type: application/json\r\n"
                + "Content-Length: 7\r\n\r\n{\"a\":1}";
        try (RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange(request);
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.header("Connection")).isEqualToIgnoringCase("keep-alive");
            assertThat(raw.exchange(request).status()).isEqualTo(201);
        }
        assertThat(recordsIn()).isEqualTo(2);
    }

    @Test
    void threeRequestsOnOneKeepAliveConnectionStayOpen() throws Exception {
        try (RawHttp raw = fx.raw()) {
            for (int i = 0; i < 3; i++) {
                assertAnswer(raw.exchange(RawHttp.post("/k", JSON, "{\"i\":" + i + "}", "")), "HTTP/1.1 201 Created", "");
            }
            assertThat(fx.collector.connections().open()).isEqualTo(1);
            assertThat(fx.collector.connections().snapshot().get(0).requests()).isEqualTo(3);
            assertAnswer(raw.exchange(RawHttp.post("/k", JSON, "{\"i\":3}", "")), "HTTP/1.1 201 Created", "");
        }
        assertThat(recordsIn()).isEqualTo(4);
    }

    @Test
    void aClosingAnswerNeverLeaksIntoTheSharedHeadersOfLaterKeepAliveAnswers() throws Exception {
        // keep-alive HTTP/1.1 answers share the canned headers; closing ones must get a private copy
        for (int round = 0; round < 3; round++) {
            try (RawHttp raw = fx.raw()) {
                RawHttp.Response closing = raw.exchange(RawHttp.post("/c", JSON, "{\"a\":1}", "Connection: close\r\n"));
                assertThat(closing.header("Connection")).isEqualToIgnoringCase("close");
            }
            try (RawHttp raw = fx.raw()) {
                raw.exchange("POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 0\r\n\r\n");
            }
            try (RawHttp raw = fx.raw()) {
                raw.send(RawHttp.post("/p", JSON, "{\"a\":1}", "") + RawHttp.post("/p", JSON, "", "Connection: close\r\n"));
                assertThat(raw.read().header("Connection")).isNull();
                assertThat(raw.read().header("Connection")).isEqualToIgnoringCase("close");
            }
            try (RawHttp raw = fx.raw()) {
                for (String body : new String[] {"{\"a\":1}", ""}) {
                    RawHttp.Response r = raw.exchange(RawHttp.post("/k", JSON, body, ""));
                    assertThat(r.header("Connection")).as("round %d, body '%s'", round, body).isNull();
                }
            }
        }
        assertThat(Responses.NO_PAYLOAD.headers().names()).containsExactly("Content-Length");
    }

    @Test
    void aUtf8ByteOrderMarkIsSkippedAndUtf16IsRejected() throws Exception {
        assertAnswer(rawPost("/", JSON, "\ufeff{\"a\":1}", ""), "HTTP/1.1 201 Created", "");
        assertThat(recordsIn()).isEqualTo(1);
        // UTF-16LE bytes of {"a":1}: each ASCII char followed by a NUL (read as UTF-8: invalid JSON)
        String utf16 = new String("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1);
        assertAnswer(rawPost("/", JSON, utf16, ""), "HTTP/1.1 400 Bad Request", "error: unable to process records\n");
        assertThat(recordsIn()).isEqualTo(1);
    }

    @Test
    void answersBothOfTwoPipelinedRequestsInOneWrite() throws Exception {
        try (RawHttp raw = fx.raw()) {
            raw.send(RawHttp.post("/one", JSON, "{\"a\":1}", "") + RawHttp.post("/two", JSON, "[{\"b\":2},{\"c\":3}]", ""));
            assertAnswer(raw.read(), "HTTP/1.1 201 Created", "");
            assertAnswer(raw.read(), "HTTP/1.1 201 Created", "");
        }
        assertThat(recordsIn()).isEqualTo(3);
    }

    @Test
    void answersUnparsableRequestLineWith400ThenCloses() throws Exception {
        try (RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange("GARBAGE\r\n\r\n");
            assertAnswer(r, "HTTP/1.1 400 Bad Request", "error: invalid request\n");
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void answersNonNumericContentLengthWith400ThenCloses() throws Exception {
        try (RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: abc\r\n\r\n{\"a\":1}");
            assertAnswer(r, "HTTP/1.1 400 Bad Request", "error: invalid request\n");
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void answersInvalidChunkSizeWith400ThenCloses() throws Exception {
        try (RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n");
            assertAnswer(r, "HTTP/1.1 400 Bad Request", "error: invalid request\n");
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(recordsIn()).isZero();
    }

    @Test
    void acceptsA20KilobyteHeader() throws Exception {
        String big = "x".repeat(20_000);
        assertAnswer(rawPost("/", JSON, "{\"a\":1}", "X-Big: " + big + "\r\n"), "HTTP/1.1 201 Created", "");
    }

    @Test
    void answersOversizedHeadersWith431ThenCloses() throws Exception {
        String big = "x".repeat(70_000);
        try (RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange(RawHttp.post("/", JSON, "{\"a\":1}", "X-Big: " + big + "\r\n"));
            assertThat(r.status()).isEqualTo(431);
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void countsEveryAnswerByStatus() throws Exception {
        rawPost("/", JSON, "{\"a\":1}", "");
        rawPost("/", "text/plain", "{\"a\":1}", "");
        assertThat(fx.collector.counters().requests(201)).isEqualTo(1);
        assertThat(fx.collector.counters().requests(400)).isEqualTo(1);
    }
}
