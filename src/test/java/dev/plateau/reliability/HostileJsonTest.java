package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile JSON bodies against a running collector over a raw socket. Each row says what is sent and what the
 * answer is; after every row {@link Aftermath} checks the probe, resting sizes, accounting and leaks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileJsonTest {
    /** A sample document whose every strict prefix is invalid JSON: strings, escapes, numbers, nesting. */
    static final String SAMPLE = "[{\"msg\":\"GET /a \\\"q\\\" \\u00e9\\n\",\"n\":-12.5e3,\"ok\":true,\"x\":null,"
            + "\"tags\":[1,\"b\",{\"c\":[]}]},{\"k\":\"caf\u00e9 \u20ac \ud83d\ude00\"}]";
    static final int SAMPLE_RECORDS = 2;

    @TempDir
    static Path dir;
    AttackedCollector collector;

    @BeforeAll
    void start() {
        collector = AttackedCollector.start(dir);
    }

    @AfterEach
    void aftermath() throws Exception {
        Aftermath.check(collector);
    }

    @AfterAll
    void stop() {
        collector.close();
    }

    static Stream<Integer> prefixLengths() {
        return IntStream.rangeClosed(0, Requests.utf8(SAMPLE).length).boxed();
    }

    @ParameterizedTest(name = "sample truncated to {0} bytes")
    @MethodSource("prefixLengths")
    void truncatedDocumentIsRejectedWholeUnlessComplete(int length) throws IOException {
        byte[] full = Requests.utf8(SAMPLE);
        byte[] prefix = Arrays.copyOf(full, length);
        Attack attack;
        if (length == 0) {
            attack = Attack.keepsOpen("empty body", Requests.json("/json", prefix), 400, "error: no payload found\n", 0);
        } else if (length == full.length) {
            attack = Attack.keepsOpen("whole sample", Requests.json("/json", prefix), 201, null, SAMPLE_RECORDS);
        } else {
            attack = Attack.badJson("sample cut at byte " + length, prefix);
        }
        attack.run(collector);
    }

    static List<Attack> malformed() {
        List<Attack> list = new ArrayList<>();
        list.add(Attack.badJson("trailing comma in an object", "{\"a\":1,}"));
        list.add(Attack.badJson("trailing comma in an array", "[{\"a\":1},]"));
        list.add(Attack.badJson("trailing garbage", "{\"a\":1}x"));
        list.add(Attack.badJson("invalid UTF-8 byte 0xFF in a string", bytes("{\"a\":\"", new byte[] {(byte) 0xFF}, "\"}")));
        list.add(Attack.badJson("invalid UTF-8 overlong '/' (C0 AF)", bytes("{\"a\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}")));
        list.add(Attack.badJson("invalid UTF-8 truncated sequence (E2 82)", bytes("{\"a\":\"", new byte[] {(byte) 0xE2, (byte) 0x82}, "\"}")));
        list.add(Attack.badJson("invalid UTF-8 in a key", bytes("{\"", new byte[] {(byte) 0xFE}, "\":1}")));
        list.add(Attack.badJson("raw NUL inside a string", bytes("{\"a\":\"x", new byte[] {0}, "y\"}")));
        list.add(Attack.badJson("raw NUL between tokens", bytes("{\"a\":1", new byte[] {0}, "}")));
        list.add(Attack.badJson("lone high surrogate, raw (ED A0 80)", bytes("{\"a\":\"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}")));
        list.add(Attack.badJson("nesting 100 000 deep, arrays", "[".repeat(100_000) + "]".repeat(100_000)));
        list.add(Attack.badJson("nesting 100 000 deep, objects", "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)));
        list.add(Attack.badJson("nesting 100 000 deep, unclosed", "[".repeat(100_000)));
        list.add(Attack.badJson("top-level number", "42"));
        list.add(Attack.badJson("top-level string", "\"hello\""));
        list.add(Attack.badJson("top-level true", "true"));
        list.add(Attack.badJson("top-level null", "null"));
        list.add(Attack.badJson("object then a scalar", "{\"a\":1} 2"));
        list.add(Attack.badJson("array mixing objects and scalars", "[{\"a\":1},2,{\"b\":3}]"));
        list.add(Attack.badJson("array with a nested array element", "[{\"a\":1},[{\"b\":2}]]"));
        list.add(Attack.badJson("array with a null element", "[{\"a\":1},null]"));
        list.add(Attack.badJson("valid objects then a broken one", "{\"a\":1}{\"b\":2}{\"c\":"));
        return list;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedBodyIsRejectedAndNothingIsKept(Attack attack) throws IOException {
        attack.run(collector);
    }

    static List<Attack> accepted() {
        return List.of(
                Attack.goodJson("escaped NUL (\\u0000) in a string", "{\"a\":\"x\\u0000y\"}", 1),
                Attack.goodJson("duplicate keys (both kept, like msgpack maps)", "{\"a\":1,\"a\":2}", 1),
                Attack.goodJson("concatenated objects", "{\"a\":1}{\"a\":2} {\"a\":3}", 3),
                Attack.goodJson("400-digit integer", "{\"big\":" + "9".repeat(400) + "}", 1),
                Attack.goodJson("1e400 (overflows a double)", "{\"huge\":1e400}", 1),
                Attack.goodJson("-1e400 and 1e-400", "{\"a\":-1e400,\"b\":1e-400}", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void oddButValidBodyIsAcceptedWhole(Attack attack) throws IOException {
        attack.run(collector);
    }

    @Test
    void loneSurrogateEscapeIsNeverStoredAsInvalidUtf8() throws IOException {
        try (RawConnection conn = RawConnection.open(collector.address())) {
            conn.write(Requests.json("/json", "{\"a\":\"x\\ud800y\",\"b\":\"\\udc00\"}"));
            RawResponse r = conn.readResponse();
            assertThat(r.status()).as("%s", r).isIn(201, 400);
            if (r.is2xx()) {
                collector.accepted(1);
            }
        }
        Aftermath.awaitAccounting(collector);
        assertThat(collector.outputLines()).as("output decodes as strict UTF-8").isNotNull();
    }

    @Test
    void fiftyMegabyteStringIsRefusedWith413AndClose() throws IOException {
        LargeBody.sendAndExpect413(collector, LargeBody.jsonString(50_000_000), false);
    }

    @Test
    void fiftyMegabyteStringChunkedIsRefusedWith413AndClose() throws IOException {
        LargeBody.sendAndExpect413(collector, LargeBody.jsonString(50_000_000), true);
    }

    static byte[] bytes(String before, byte[] middle, String after) {
        return Requests.concat(Requests.utf8(before), middle, Requests.utf8(after));
    }
}
