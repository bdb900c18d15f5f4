package dev.plateau.reliability;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 response as read off a raw socket: status, headers (names lower-cased, in order) and body.
 *
 * @param status  the status code
 * @param headers header lines as (lower-cased name, value) pairs, in the order received
 * @param body    the body decoded as ISO-8859-1 (byte-transparent)
 */
record RawResponse(int status, List<Map.Entry<String, String>> headers, String body) {

    /** The first value of {@code name}, or {@code null}. */
    String header(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equals(key)) {
                return h.getValue();
            }
        }
        return null;
    }

    boolean announcesClose() {
        String c = header("connection");
        return c != null && c.toLowerCase(Locale.ROOT).contains("close");
    }

    boolean is2xx() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return status + " " + headers + " body=" + body.replace("\n", "\\n");
    }
}
