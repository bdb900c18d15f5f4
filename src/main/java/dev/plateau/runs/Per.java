package dev.plateau.runs;

import java.util.Locale;

/**
 * The unit of work a slope is measured against (x of the fit): answered requests, records taken in, or elapsed
 * seconds. Work units are counters: samples after the last increase (the load stopped) are not fitted.
 */
public enum Per {
    REQUEST("req", true),
    RECORD("rec", true),
    SECOND("s", false);

    private final String symbol;
    private final boolean work;

    Per(String symbol, boolean work) {
        this.symbol = symbol;
        this.work = work;
    }

    /** {@code req}, {@code rec}, {@code s}: the slope is printed {@code B/req}, {@code B/rec}, {@code B/s}. */
    public String symbol() {
        return symbol;
    }

    /** A counter of work (the fit ends where it stopped rising), as opposed to time. */
    public boolean isWork() {
        return work;
    }

    /** {@code request}, {@code record}, {@code second} (case-insensitive); else a one-line error naming them. */
    public static Per parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "request", "req", "requests" -> REQUEST;
            case "record", "rec", "records" -> RECORD;
            case "second", "s", "seconds", "time" -> SECOND;
            default -> throw new IllegalArgumentException("per: '" + dev.plateau.events.Printable.of(text) + "' is not one of request, record, second");
        };
    }
}
