package dev.plateau.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds raw HTTP/1.1 requests byte by byte, so hostile cases can say exactly what goes on the wire.
 *
 * <pre>{@code
 * byte[] ok = Requests.json("/app", "{\"a\":1}");
 * byte[] bad = Requests.raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
 * }</pre>
 */
final class Requests {
    static final String JSON = "application/json";

    private Requests() {
    }

    /** A keep-alive POST of {@code body} as {@code application/json}. */
    static byte[] json(String path, String body) {
        return post(path, JSON, "", body.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] json(String path, byte[] body) {
        return post(path, JSON, "", body);
    }

    /** A keep-alive POST with Host and Content-Length; {@code extraHeaders} are CRLF-terminated lines. */
    static byte[] post(String path, String contentType, String extraHeaders, byte[] body) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + extraHeaders + "Content-Length: " + body.length + "\r\n\r\n";
        return concat(head.getBytes(StandardCharsets.ISO_8859_1), body);
    }

    /** The request exactly as written (ISO-8859-1, so every char is one byte). */
    static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
