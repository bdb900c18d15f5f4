package dev.plateau.collector.config;

import dev.plateau.events.Printable;
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
        return Printable.of(text);
    }
}
