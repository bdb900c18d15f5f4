package dev.plateau.events;

/**
 * Text from untrusted input (a config file, a scrape, a CSV header, a Prometheus answer) made safe for a one-line
 * message: every control character is written as {@code \xNN}; optionally cut after {@code max} characters.
 *
 * <pre>{@code
 * throw new IOException(file + ": unknown column '" + Printable.of(column, 60) + "'");
 * }</pre>
 */
public final class Printable {
    private Printable() {
    }

    /** {@code text} ({@code "null"} for null) with control characters as {@code \xNN}. */
    public static String of(String text) {
        String t = String.valueOf(text);
        StringBuilder out = null;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (out == null) {
                    out = new StringBuilder(t.length() + 8).append(t, 0, i);
                }
                out.append(String.format("\\x%02x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? t : out.toString();
    }

    /** At most {@code max} characters of {@code text} (then {@code …}), control characters as {@code \xNN}. */
    public static String of(String text, int max) {
        String t = String.valueOf(text);
        return of(t.length() <= max ? t : t.substring(0, max) + "…");
    }
}
