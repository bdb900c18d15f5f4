package dev.plateau.events;

import java.util.Objects;

/**
 * One thing that happened, with its wall-clock time. Immutable.
 *
 * @param seq        position in its {@link EventLog}, strictly increasing from 1
 * @param epochMillis wall-clock time in milliseconds since the epoch
 * @param kind       what kind of event
 * @param message    one human-readable line, e.g. {@code conn=7 shrunk buffer from 5000000 to 1000000}
 */
public record Event(long seq, long epochMillis, EventKind kind, String message) {
    public Event {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** True for events that are drawn as markers on charts (policy switches and bursts). */
    public boolean isMarker() {
        return kind == EventKind.POLICY || kind == EventKind.BURST_START
                || kind == EventKind.BURST_END || kind == EventKind.RUN;
    }
}
