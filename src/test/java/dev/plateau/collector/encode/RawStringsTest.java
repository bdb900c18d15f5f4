package dev.plateau.collector.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The raw string scan stops at the closing quote, and gives up on an escape or a control character, at any offset. */
class RawStringsTest {
    @Test
    void findsTheClosingQuoteAtEveryPositionOfAWord() {
        for (int len = 0; len < 40; len++) {
            String s = "é".repeat(len / 4) + "x".repeat(len - len / 4) + "\"tail";
            int expected = s.getBytes(StandardCharsets.UTF_8).length - 5;
            assertThat(scan(s)).as("length %d", len).isEqualTo(expected);
        }
    }

    @Test
    void escapesAndControlCharactersAtAnyPositionMeanDecode() {
        for (String special : new String[] {"\\", "\n", "\t", "\u0000", "\u001f"}) {
            for (int at = 0; at < 24; at++) {
                String s = "a".repeat(at) + special + "bcdefghijklmnop\"";
                assertThat(scan(s)).as("%s at %d", (int) special.charAt(0), at).isEqualTo(-1);
            }
        }
    }

    @Test
    void anUnterminatedStringMeansDecode() {
        assertThat(scan("abcdefghijklmnopqrstuvwxyz")).isEqualTo(-1);
        assertThat(scan("")).isEqualTo(-1);
    }

    @Test
    void characterJustAboveTheControlsAndHighBytesStayOnTheFastPath() {
        assertThat(scan(" !#$%&'()*+,-./[]^_`{|}~\u007f\u00ff\u20ac\"")).isEqualTo(" !#$%&'()*+,-./[]^_`{|}~\u007f\u00ff\u20ac"
                .getBytes(StandardCharsets.UTF_8).length);
    }

    /** Scans from offset 3 in both forms (array and direct buffer) and checks they agree. */
    private static int scan(String s) {
        byte[] body = ("xx\"" + s).getBytes(StandardCharsets.UTF_8);
        int fromArray = RawStrings.end(body, 3, body.length);
        ByteBuffer direct = ByteBuffer.allocateDirect(body.length).put(body);
        int fromNio = RawStrings.end(direct, 3, body.length);
        assertThat(fromNio).isEqualTo(fromArray);
        return fromArray < 0 ? -1 : fromArray - 3;
    }
}
