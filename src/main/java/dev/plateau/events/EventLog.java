package dev.plateau.events;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A bounded, thread-safe log of {@link Event}s. Any thread may {@link #emit}; readers poll with
 * {@link #since(long)} (the UI and the run recorder) or subscribe with {@link #addListener}
 * (the CLI prints each line). When full, the oldest events are dropped; {@link #dropped()} counts them.
 *
 * <pre>{@code
 * EventLog log = new EventLog(10_000);
 * log.emit(EventKind.POLICY, "shrink on");
 * List<Event> fresh = log.since(lastSeq);
 * }</pre>
 */
public final class EventLog {
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final Clock clock;
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private long nextSeq = 1;
    private long dropped;

    public EventLog() {
        this(DEFAULT_CAPACITY, Clock.systemUTC());
    }

    public EventLog(int capacity) {
        this(capacity, Clock.systemUTC());
    }

    public EventLog(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Records an event and tells every listener (listeners run on the calling thread; keep them short). */
    public Event emit(EventKind kind, String message) {
        Event event;
        synchronized (this) {
            event = new Event(nextSeq++, clock.millis(), kind, message);
            if (events.size() == capacity) {
                events.removeFirst();
                dropped++;
            }
            events.addLast(event);
        }
        for (Consumer<Event> listener : listeners) {
            listener.accept(event);
        }
        return event;
    }

    /** Events with {@code seq > afterSeq}, oldest first (at most the retained ones). */
    public synchronized List<Event> since(long afterSeq) {
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (e.seq() > afterSeq) {
                out.add(e);
            }
        }
        return out;
    }

    /** All retained events, oldest first. */
    public List<Event> all() {
        return since(0);
    }

    public synchronized long lastSeq() {
        return nextSeq - 1;
    }

    public synchronized int size() {
        return events.size();
    }

    public synchronized long dropped() {
        return dropped;
    }

    public int capacity() {
        return capacity;
    }

    public void addListener(Consumer<Event> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Event> listener) {
        listeners.remove(listener);
    }
}
