package dev.plateau.collector.http;

/**
 * Fluent Bit's {@code in_http} tag rule: the request path without its leading {@code /} and without the query
 * string, every character outside {@code [A-Za-z0-9_.]} replaced by {@code _}. There is no URL-decoding
 * ({@code %20} stays three characters, so it becomes {@code _20}); the path {@code /} means the default tag.
 *
 * <pre>{@code
 * TagRules.fromUri("/a%20b$c/d?x=1", "http.0");   // "a_20b_c_d"
 * TagRules.fromUri("/", "http.0");                // "http.0"
 * }</pre>
 */
public final class TagRules {
    private TagRules() {
    }

    /** The tag for a request target {@code uri}; {@code defaultTag} when the path is empty or {@code /}. */
    public static String fromUri(String uri, String defaultTag) {
        int end = uri.length();
        int query = uri.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int start = uri.startsWith("/") ? 1 : 0;
        if (start >= end) {
            return defaultTag;
        }
        StringBuilder tag = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = uri.charAt(i);
            tag.append(isTagChar(c) ? c : '_');
        }
        return tag.toString();
    }

    private static boolean isTagChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.';
    }
}
