package dev.plateau.collector.config;

import java.nio.file.Path;

/**
 * A Fluent Bit configuration file that cannot be used; the message reads {@code file:line: what is wrong}, on one
 * printable line: control characters quoted from the file (tab, CR, ESC, NUL …) are shown as {@code \xNN}.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(Path file, int line, String message) {
        super(printable(file + ":" + line + ": " + message));
    }

    public ConfigException(Path file, String message) {
        super(printable(file + ": " + message));
    }

    /** {@code text} with every control character written as {@code \xNN} (also for warnings quoting the file). */
    static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(String.format("\\x%02x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
