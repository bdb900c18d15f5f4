package dev.plateau.runs;

import java.util.Locale;

/** What runs are laid over each other by: time since their start, or requests answered since their start. */
public enum Alignment {
    ELAPSED("elapsed_s"),
    REQUESTS("requests");

    private final String column;

    Alignment(String column) {
        this.column = column;
    }

    /** Name of the x column in exported CSV. */
    public String column() {
        return column;
    }

    /** Parses {@code elapsed} or {@code requests} (case-insensitive), naming the allowed values otherwise. */
    public static Alignment parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "elapsed", "time", "elapsed_s" -> ELAPSED;
            case "requests", "req" -> REQUESTS;
            default -> throw new IllegalArgumentException("--align: must be requests or elapsed, was '"
                    + dev.plateau.events.Printable.of(text) + "'");
        };
    }
}
