package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile HTTP framing against a running collector over a raw socket: bad methods, oversized and conflicting
 * headers, smuggling shapes, pipelined mixes, HTTP/0.9 and random bytes. {@link Aftermath} runs after every case.
 */
class HostileHttpTest extends AttackSuite {
    static final String OK_BODY = "{\"a\":1}";
    static final String INVALID_METHOD = "error: invalid HTTP method\n";

    static List<Attack> framing() {
        String json = "Content-Type: application/json\r\n";
        List<Attack> list = new ArrayList<>();
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "BREW")) {
            list.add(Attack.keepsOpen("method " + method, Requests.raw(method + " /json HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 0\r\n\r\n"), 400, INVALID_METHOD, 0));
        }
        list.add(Attack.closes("64 KB header line", Requests.raw("POST /json HTTP/1.1\r\nHost: x\r\n" + json
                + "X-Big: " + "a".repeat(64 * 1024) + "\r\nContent-Length: 7\r\n\r\n" + OK_BODY), Set.of(431, 400), null));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        list.add(Attack.closes("10 000 headers", Requests.raw("POST /json HTTP/1.1\r\nHost: x\r\n" + json + many
                + "Content-Length: 7\r\n\r\n" + OK_BODY), Set.of(431, 400), null));
        list.add(Attack.closes("64 KB request line", Requests.raw("POST /" + "a".repeat(64 * 1024) + " HTTP/1.1\r\nHost: x\r\n"
                + json + "Content-Length: 7\r\n\r\n" + OK_BODY), Set.of(414, 431, 400), null));
        for (String cl : List.of("abc", "-1", "1.5", "0x7", "7 7", "+7", "99999999999999999999")) {
            list.add(Attack.closes("Content-Length: " + cl, Requests.raw("POST /json HTTP/1.1\r\nHost: x\r\n" + json
                    + "Content-Length: " + cl + "\r\n\r\n" + OK_BODY), Set.of(400), null));
        }
        list.add(Attack.closes("two different Content-Length headers", Requests.raw("POST /json HTTP/1.1\r\nHost: x\r\n"
                + json + "Content-Length: 7\r\nContent-Length: 8\r\n\r\n" + OK_BODY + " "), Set.of(400), null));
        list.add(Attack.closes("Content-Length: 7, 8", Requests.raw("POST /json HTTP/1.1\r\nHost: x\r\n" + json
                + "Content-Length: 7, 8\r\n\r\n" + OK_BODY + " "), Set.of(400), null));
        list.add(Attack.closes("Content-Length with Transfer-Encoding: chunked (smuggling)",
                Requests.raw("POST /json HTTP/1.1\r\nHost: x\r\n" + json + "Content-Length: 4\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n7\r\n" + OK_BODY + "\r\n0\r\n\r\n"), Set.of(400), null));
        list.add(Attack.closes("Transfer-Encoding: chunked, identity (chunked not last)",
                Requests.raw("POST /json HTTP/1.1\r\nHost: x\r\n" + json + "Transfer-Encoding: chunked, identity\r\n\r\n"
                        + "7\r\n" + OK_BODY + "\r\n0\r\n\r\n"), Set.of(400), null));
        list.add(Attack.closes("Transfer-Encoding on HTTP/1.0", Requests.raw("POST /json HTTP/1.0\r\nHost: x\r\n" + json
                + "Transfer-Encoding: chunked\r\n\r\n7\r\n" + OK_BODY + "\r\n0\r\n\r\n"), Set.of(400), null));
        list.add(Attack.closes("space before the header colon", Requests.raw("POST /json HTTP/1.1\r\nHost: x\r\n" + json
                + "Content-Length : 7\r\n\r\n" + OK_BODY), Set.of(400), null));
        for (String size : List.of("zz", "-1", "fffffffffffffffffff", "7;" + "e".repeat(70_000))) {
            list.add(Attack.closes("chunk size " + (size.length() > 20 ? "with a 70 KB extension" : size),
                    Requests.raw("POST /json HTTP/1.1\r\nHost: x\r\n" + json + "Transfer-Encoding: chunked\r\n\r\n"
                            + size + "\r\n" + OK_BODY + "\r\n0\r\n\r\n"), Set.of(400, 413, 414), null));
        }
        list.add(Attack.closes("HTTP/0.9 request line", Requests.raw("GET /\r\n\r\n"), Set.of(400), null));
        list.add(Attack.closes("HTTP/0.9 POST with a body", Requests.raw("POST /json\r\n\r\n" + OK_BODY), Set.of(400), null));
        for (String version : List.of("HTTP/0.9", "HTTP/2.0", "HTTP/7.3")) {
            list.add(Attack.closes("request line with " + version, Requests.raw("POST /json " + version + "\r\nHost: x\r\n"
                    + json + "Content-Length: 7\r\n\r\n" + OK_BODY), Set.of(400), null));
        }
        list.add(Attack.keepsOpen("NUL in the path (the tag rule turns it into '_')", Requests.raw("POST /js\0on HTTP/1.1\r\n"
                + "Host: x\r\n" + json + "Content-Length: 7\r\n\r\n" + OK_BODY), 201, null, 1));
        return list;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framing")
    void badFramingGetsItsDocumentedAnswer(Attack attack) throws IOException {
        attack.run(collector);
    }

    @Test
    void missingHostOnHttp11IsAcceptedLikeFluentBit() throws IOException {
        Attack.keepsOpen("missing Host on HTTP/1.1", Requests.raw("POST /json HTTP/1.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 7\r\n\r\n" + OK_BODY), 201, null, 1).run(collector);
    }

    @ParameterizedTest(name = "Content-Length {0} larger than the body, then the client closes")
    @ValueSource(booleans = {false, true})
    void contentLengthLargerThanBodyThenClientGoesAway(boolean reset) throws IOException {
        try (RawConnection conn = RawConnection.open(collector.address())) {
            conn.write(Requests.raw("POST /json HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n" + OK_BODY));
            if (reset) {
                conn.reset();
                return;
            }
            conn.shutdownOutput();
            List<RawResponse> answers = conn.readUntilClosed();
            assertThat(answers).as("no 2xx for a body cut short").noneMatch(RawResponse::is2xx);
        }
    }

    @Test
    void pipelinedMixIsAnsweredInOrderAndOnlyGoodRecordsAreKept() throws IOException {
        byte[] mix = Requests.concat(
                Requests.json("/p1", OK_BODY),
                Requests.json("/p2", "{\"a\":"),
                Requests.json("/p3", "[{\"a\":1},{\"a\":2}]"),
                Requests.raw("GET /p4 HTTP/1.1\r\nHost: x\r\n\r\n"),
                Requests.post("/p5", null, "", Requests.utf8(OK_BODY)),
                Requests.json("/p6", "42"),
                Requests.json("/p7", OK_BODY));
        try (RawConnection conn = RawConnection.open(collector.address())) {
            conn.write(mix);
            int[] expected = {201, 400, 201, 400, 400, 400, 201};
            for (int i = 0; i < expected.length; i++) {
                RawResponse r = conn.readResponse();
                assertThat(r).as("answer %d", i + 1).isNotNull();
                assertThat(r.status()).as("answer %d: %s", i + 1, r).isEqualTo(expected[i]);
            }
            collector.accepted(1 + 2 + 1);
            assertThat(conn.staysOpenSilently(java.time.Duration.ofMillis(200))).as("no extra answer, still open").isTrue();
        }
    }

    static Stream<String> fatalInTheMiddle() {
        return Stream.of("Content-Length: abc", "Content-Length: 4\r\nTransfer-Encoding: chunked");
    }

    @ParameterizedTest(name = "pipelined: good, then {0}, then good")
    @MethodSource("fatalInTheMiddle")
    void pipelinedFramingErrorClosesAndLaterRequestsAreNotProcessed(String badHeader) throws IOException {
        byte[] mix = Requests.concat(
                Requests.json("/q1", OK_BODY),
                Requests.raw("POST /q2 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + badHeader
                        + "\r\n\r\n7\r\n" + OK_BODY + "\r\n0\r\n\r\n"),
                Requests.json("/q3", OK_BODY));
        try (RawConnection conn = RawConnection.open(collector.address())) {
            conn.write(mix);
            List<RawResponse> answers = conn.readUntilClosed();
            assertThat(answers).extracting(RawResponse::status).containsExactly(201, 400);
            assertThat(answers.get(1).announcesClose()).isTrue();
            collector.accepted(1);
        }
    }

    static IntStream seeds() {
        return IntStream.rangeClosed(1, 24);
    }

    @ParameterizedTest(name = "random bytes, seed {0}")
    @MethodSource("seeds")
    void randomBytesNeverGet2xxAndTheConnectionEnds(int seed) throws IOException {
        Random random = new Random(seed);
        byte[] noise = new byte[1 + random.nextInt(4096)];
        random.nextBytes(noise);
        if (seed % 2 == 0) {
            byte[] start = Requests.raw("POST /r HTTP/1.1\r\n");
            System.arraycopy(start, 0, noise, 0, Math.min(start.length, noise.length));
        }
        try (RawConnection conn = RawConnection.open(collector.address())) {
            conn.writeQuietly(Requests.concat(noise, Requests.raw("\r\n\r\n")));
            conn.shutdownOutput();
            List<RawResponse> answers = conn.readUntilClosed();
            assertThat(answers).as("answers to noise").noneMatch(RawResponse::is2xx);
        } catch (java.net.SocketException reset) {
            // a reset is a closed connection too
        }
    }
}
