package dev.plateau.ui.log;

import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.telemetry.Sample;
import dev.plateau.ui.common.Units;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Log tab: the newest {@link #CAPACITY} events, filtered by kind (null = all) and by text (case-insensitive,
 * in the message). {@link #refresh()} appends what the {@link EventLog} got since the last call.
 */
public final class LogViewModel {
    public static final int CAPACITY = 2_000;
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final EventLog log;
    private final ObservableList<Event> events = FXCollections.observableArrayList();
    private final FilteredList<Event> filtered = new FilteredList<>(events, e -> true);
    private final ObjectProperty<EventKind> kind = new SimpleObjectProperty<>(this, "kind");
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ToDoubleFunction<Long> elapsedOf;
    private long lastSeq;

    /** A log whose times are wall-clock (no sampler to relate them to). */
    public LogViewModel(EventLog log) {
        this(log, null);
    }

    /**
     * A log whose times are elapsed seconds like the charts' x axis: {@code latest} gives the sampler's newest
     * sample (its epoch and elapsed time relate the two clocks); null or no sample yet falls back to wall-clock.
     */
    public LogViewModel(EventLog log, Supplier<Sample> latest) {
        this.log = Objects.requireNonNull(log, "log");
        this.elapsedOf = epochMillis -> {
            Sample ref = latest == null ? null : latest.get();
            return ref == null ? Double.NaN : ref.elapsedS() - (ref.epochMillis() - epochMillis) / 1000.0;
        };
        kind.addListener((obs, o, n) -> updateFilter());
        text.addListener((obs, o, n) -> updateFilter());
    }

    /** The event's time as the charts show it ("1:05 min" elapsed), or wall-clock before the first sample. */
    public String time(Event e) {
        double elapsed = elapsedOf.applyAsDouble(e.epochMillis());
        return Double.isNaN(elapsed) ? WALL.format(Instant.ofEpochMilli(e.epochMillis()))
                : String.format(Locale.ROOT, "%s (%.1f s)", Units.elapsed(elapsed), Math.max(0, elapsed));
    }

    /** What the empty table says: no events at all, or none matching the filter. */
    public String placeholder() {
        return events.isEmpty() ? "No events yet." : "No events match the filter (" + events.size() + " events in the log).";
    }

    private void updateFilter() {
        EventKind k = kind.get();
        String t = text.get() == null ? "" : text.get().trim().toLowerCase(Locale.ROOT);
        filtered.setPredicate(e -> (k == null || e.kind() == k)
                && (t.isEmpty() || e.message().toLowerCase(Locale.ROOT).contains(t)));
    }

    public void refresh() {
        List<Event> fresh = log.since(lastSeq);
        if (fresh.isEmpty()) {
            return;
        }
        lastSeq = fresh.get(fresh.size() - 1).seq();
        if (fresh.size() >= CAPACITY) {
            events.setAll(fresh.subList(fresh.size() - CAPACITY, fresh.size()));
            return;
        }
        int overflow = events.size() + fresh.size() - CAPACITY;
        if (overflow > 0) {
            events.remove(0, overflow);
        }
        events.addAll(fresh);
    }

    /** All retained events (unfiltered). */
    public ObservableList<Event> events() {
        return events;
    }

    /** What the table shows. */
    public FilteredList<Event> filtered() {
        return filtered;
    }

    public ObjectProperty<EventKind> kindProperty() {
        return kind;
    }

    public StringProperty textProperty() {
        return text;
    }
}
