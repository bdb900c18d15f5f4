package dev.plateau.series;

import java.util.Locale;

/** Prometheus' two kinds that matter for a verdict: a gauge goes up and down, a counter only rises (or resets). */
public enum Kind {
    GAUGE,
    COUNTER;

    /** {@code gauge} / {@code counter}, as written to {@code run.json}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The inverse of {@link #label()}; unknown text is a gauge (Prometheus' {@code untyped}). */
    public static Kind of(String label) {
        return "counter".equalsIgnoreCase(label) ? COUNTER : GAUGE;
    }
}
