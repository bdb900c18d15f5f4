package dev.plateau.collector.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The raw string scan (array form) stops at the closing quote, and gives up on an escape or a control character, at any offset. */
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

    @Test
    void aQuoteAfterTheFirstSpecialByteOfAWordIsNotTakenForTheEnd() {
        // borrows of the word trick may flag bytes above the first match: the first one decides
        for (int at = 0; at < 8; at++) {
            assertThat(scan("a".repeat(at) + "\\\"\"" + "0123456789\"")).as("escape at %d", at).isEqualTo(-1);
            assertThat(scan("a".repeat(at) + "\"\\" + "0123456789")).as("quote at %d", at).isEqualTo(at);
            assertThat(scan("a".repeat(at) + "\u0001\"" + "0123456789")).as("control at %d", at).isEqualTo(-1);
        }
    }

    @Test
    void agreesWithAByteByByteScanOnEveryByteValue() {
        for (int v = 0; v < 256; v++) {
            for (int at = 0; at < 10; at++) {
                byte[] body = new byte[3 + 12];
                java.util.Arrays.fill(body, (byte) 'a');
                body[3 + at] = (byte) v;
                body[3 + 11] = '"';
                int expected = v == '"' ? 3 + at : v == '\\' || v < 0x20 ? -1 : 3 + 11;
                assertThat(RawStrings.end(body, 3, body.length)).as("byte %d at %d", v, at).isEqualTo(expected);
            }
        }
    }

    /** Scans from offset 3 of the string's UTF-8 bytes. */
    private static int scan(String s) {
        byte[] body = ("xx\"" + s).getBytes(StandardCharsets.UTF_8);
        int end = RawStrings.end(body, 3, body.length);
        return end < 0 ? -1 : end - 3;
    }
}
