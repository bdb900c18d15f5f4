package dev.plateau.collector;

import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import java.time.Duration;
import java.util.Objects;

/**
 * The live-switchable memory policies (DESIGN.md §3). Any thread may switch them at any time; event loops
 * read them at the end of each request, so a switch takes effect on the next request of every connection.
 * Every actual change is recorded as a {@link EventKind#POLICY} event ({@code shrink on}, {@code idle_timeout 10s}).
 *
 * <pre>{@code
 * collector.policies().setShrink(true);   // connection buffers go back to one chunk after each request
 * collector.policies().setReinit(true);   // the encoder is destroyed and re-created after each batch
 * collector.policies().setTrim(true);     // malloc thresholds lowered, malloc_trim(0) after each flush
 * }</pre>
 *
 * <p>Trim acts on the process's allocator ({@link NativeMemory#trimThresholds}) as soon as it is switched, so a
 * {@code Policies} with trim on should only exist in a collector's process.
 */
public final class Policies {
    private final EventLog events;
    private volatile boolean shrink;
    private volatile boolean reinit;
    private volatile Duration idleTimeout;
    private volatile boolean trim;

    public Policies(boolean shrink, boolean reinit, Duration idleTimeout, EventLog events) {
        this(shrink, reinit, idleTimeout, false, events);
    }

    public Policies(boolean shrink, boolean reinit, Duration idleTimeout, boolean trim, EventLog events) {
        this.shrink = shrink;
        this.reinit = reinit;
        this.idleTimeout = requireIdle(idleTimeout);
        this.trim = trim;
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Immutable view of the policies at one instant. */
    public record State(boolean shrink, boolean reinit, Duration idleTimeout, boolean trim) {
        public State(boolean shrink, boolean reinit, Duration idleTimeout) {
            this(shrink, reinit, idleTimeout, false);
        }

        public String describe() {
            return "shrink " + (shrink ? "on" : "off") + ", reinit " + (reinit ? "on" : "off")
                    + ", idle_timeout " + Sizes.formatDuration(idleTimeout) + ", trim " + (trim ? "on" : "off");
        }
    }

    public boolean shrink() {
        return shrink;
    }

    public boolean reinit() {
        return reinit;
    }

    /** {@link Duration#ZERO} means idle keep-alive connections are never closed. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** True while freed memory is handed back to the system after each flush (the Trim policy). */
    public boolean trim() {
        return trim;
    }

    public State state() {
        return new State(shrink, reinit, idleTimeout, trim);
    }

    /** Switches Trim: the malloc thresholds change at once ({@link NativeMemory#trimThresholds}). */
    public void setTrim(boolean on) {
        boolean changed;
        synchronized (this) {
            changed = trim != on;
            trim = on;
            if (changed) {
                NativeMemory.trimThresholds(on);
            }
        }
        if (changed) {
            events.emit(EventKind.POLICY, "trim " + (on ? "on" : "off"));
        }
    }

    public void setShrink(boolean on) {
        boolean changed;
        synchronized (this) {
            changed = shrink != on;
            shrink = on;
        }
        if (changed) {
            events.emit(EventKind.POLICY, "shrink " + (on ? "on" : "off"));
        }
    }

    public void setReinit(boolean on) {
        boolean changed;
        synchronized (this) {
            changed = reinit != on;
            reinit = on;
        }
        if (changed) {
            events.emit(EventKind.POLICY, "reinit " + (on ? "on" : "off"));
        }
    }

    public void setIdleTimeout(Duration timeout) {
        Duration t = requireIdle(timeout);
        boolean changed;
        synchronized (this) {
            changed = !idleTimeout.equals(t);
            idleTimeout = t;
        }
        if (changed) {
            events.emit(EventKind.POLICY, "idle_timeout " + Sizes.formatDuration(t));
        }
    }

    private static Duration requireIdle(Duration t) {
        if (t == null || t.isNegative()) {
            throw new IllegalArgumentException("idle_timeout: must be >= 0 (0 = never), was " + t);
        }
        return t;
    }
}
