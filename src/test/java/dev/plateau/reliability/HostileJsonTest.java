package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile JSON bodies against a running collector over a raw socket. Each row says what is sent and what the
 * answer is; after every row {@link Aftermath} checks the probe, resting sizes, accounting and leaks.
 */
class HostileJsonTest extends AttackSuite {
    /** A sample document whose every strict prefix is invalid JSON: strings, escapes, numbers, nesting. */
    static final String SAMPLE = "[{\"msg\":\"GET /a \\\"q\\\" \\u00e9\\n\",\"n\":-12.5e3,\"ok\":true,\"x\":null,"
            + "\"tags\":[1,\"b\",{\"c\":[]}]},{\"k\":\"caf\u00e9 \u20ac \ud83d\ude00\"}]";
    static final int SAMPLE_RECORDS = 2;

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

    /** A valid but odd body, and the record as the file output then shows it ({@code null}: not checked). */
    record Stored(String name, String body, int records, String stored) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Stored> accepted() {
        return List.of(
                new Stored("escaped NUL (\\u0000) is kept", "{\"a\":\"x\\u0000y\"}", 1, "{\"a\":\"x\\u0000y\"}"),
                new Stored("duplicate keys: both kept, like a msgpack map", "{\"a\":1,\"a\":2}", 1, "{\"a\":1,\"a\":2}"),
                new Stored("concatenated objects: one record each", "{\"a\":1}{\"a\":2} {\"a\":3}", 3, "{\"a\":3}"),
                new Stored("empty object: one empty record", "{}", 1, "{}"),
                new Stored("empty array: accepted, no record", "[]", 0, null),
                new Stored("400-digit integer: float64 +Infinity, rendered null", "{\"big\":" + "9".repeat(400) + "}", 1,
                        "{\"big\":null}"),
                new Stored("1e400: float64 +Infinity, rendered null", "{\"huge\":1e400}", 1, "{\"huge\":null}"),
                new Stored("-1e400 and 1e-400: -Infinity (null) and 0.0", "{\"a\":-1e400,\"b\":1e-400}", 1,
                        "{\"a\":null,\"b\":0.0}"),
                new Stored("2^64-1 exact; 2^64 and below -2^63 become float64",
                        "{\"u\":18446744073709551615,\"v\":18446744073709551616,\"w\":-9223372036854775809}", 1,
                        "{\"u\":18446744073709551615,\"v\":1.844674407370955e+19,\"w\":-9.223372036854776e+18}"),
                new Stored("lone surrogate escapes: stored as '?' (valid UTF-8)", "{\"a\":\"x\\ud800y\",\"b\":\"\\udc00\"}", 1,
                        "{\"a\":\"x?y\",\"b\":\"?\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void oddButValidBodyIsAcceptedWholeAndStoredAsDocumented(Stored row) throws IOException {
        try (RawConnection conn = RawConnection.open(collector.address())) {
            conn.write(Requests.json("/odd", row.body()));
            RawResponse r = conn.readResponse();
            assertThat(r.status()).as("%s", r).isEqualTo(201);
            collector.accepted(row.records());
        }
        Aftermath.awaitAccounting(collector);
        if (row.stored() != null) {
            List<String> lines = collector.outputLines();
            assertThat(lines.get(lines.size() - 1)).as("stored record").startsWith("odd: [").endsWith(", " + row.stored() + "]");
        }
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
