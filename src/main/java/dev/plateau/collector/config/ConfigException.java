package dev.plateau.collector.config;

import java.nio.file.Path;

/** A Fluent Bit configuration file that cannot be used; the message reads {@code file:line: what is wrong}. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(Path file, int line, String message) {
        super(file + ":" + line + ": " + message);
    }

    public ConfigException(Path file, String message) {
        super(file + ": " + message);
    }
}
