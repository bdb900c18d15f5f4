package dev.plateau.ui.log;

import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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

    private final EventLog log;
    private final ObservableList<Event> events = FXCollections.observableArrayList();
    private final FilteredList<Event> filtered = new FilteredList<>(events, e -> true);
    private final ObjectProperty<EventKind> kind = new SimpleObjectProperty<>(this, "kind");
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private long lastSeq;

    public LogViewModel(EventLog log) {
        this.log = Objects.requireNonNull(log, "log");
        kind.addListener((obs, o, n) -> updateFilter());
        text.addListener((obs, o, n) -> updateFilter());
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
