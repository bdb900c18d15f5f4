package dev.plateau.collector;

import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The live-switchable options ({@link CollectorOptions#live()}: the memory policies, docs/DESIGN.md §5).
 * Any thread may switch them at any time; event loops read them at the end of each request, so a switch takes
 * effect on the next request of every connection. Every actual change is recorded as a {@link EventKind#POLICY}
 * event named after the option ({@code shrink on}, {@code idle_timeout 10s}).
 *
 * <pre>{@code
 * collector.policies().setShrink(true);   // connection buffers go back to one chunk after each request
 * collector.policies().set(CollectorOptions.REINIT, true);   // the same, for any live option
 * collector.policies().setTrim(true);     // malloc thresholds lowered, malloc_trim(0) after each flush
 * }</pre>
 *
 * <p>Trim acts on the process's allocator ({@link NativeMemory#trimThresholds}) as soon as it is switched, so a
 * {@code Policies} with trim on should only exist in a collector's process.
 */
public final class Policies {
    private final EventLog events;
    private volatile State state;

    /** Starts from {@code config}'s values of the live options. */
    public Policies(CollectorConfig config, EventLog events) {
        Map<CollectorOption<?>, Object> values = new LinkedHashMap<>();
        for (CollectorOption<?> o : CollectorOptions.live()) {
            values.put(o, o.get(config));
        }
        this.state = new State(values);
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Starts with the three memory policies given and every other live option at its default. */
    public Policies(boolean shrink, boolean reinit, Duration idleTimeout, EventLog events) {
        this(CollectorConfig.builder().shrink(shrink).reinit(reinit).idleTimeout(idleTimeout).build(), events);
    }

    /** Immutable view of the live options at one instant, in catalogue order. */
    public record State(Map<CollectorOption<?>, Object> values) {
        public State {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @SuppressWarnings("unchecked")
        public <T> T get(CollectorOption<T> option) {
            return (T) values.get(option);
        }

        public boolean shrink() {
            return get(CollectorOptions.SHRINK);
        }

        public boolean reinit() {
            return get(CollectorOptions.REINIT);
        }

        public Duration idleTimeout() {
            return get(CollectorOptions.IDLE_TIMEOUT);
        }

        public boolean trim() {
            return get(CollectorOptions.TRIM);
        }

        /** {@code shrink on, reinit off, idle_timeout 10s}. */
        public String describe() {
            return values.keySet().stream().map(o -> describe(o)).collect(Collectors.joining(", "));
        }

        private <T> String describe(CollectorOption<T> o) {
            return o.name() + " " + o.type().format(get(o));
        }
    }

    public boolean shrink() {
        return state.shrink();
    }

    public boolean reinit() {
        return state.reinit();
    }

    /** {@link Duration#ZERO} means idle keep-alive connections are never closed. */
    public Duration idleTimeout() {
        return state.idleTimeout();
    }

    /** True while freed memory is handed back to the system after each flush (the Trim policy). */
    public boolean trim() {
        return state.trim();
    }

    public <T> T get(CollectorOption<T> option) {
        return state.get(option);
    }

    public State state() {
        return state;
    }

    public void setShrink(boolean on) {
        set(CollectorOptions.SHRINK, on);
    }

    public void setReinit(boolean on) {
        set(CollectorOptions.REINIT, on);
    }

    public void setIdleTimeout(Duration timeout) {
        set(CollectorOptions.IDLE_TIMEOUT, timeout);
    }

    /** Switches Trim: the malloc thresholds change at once ({@link NativeMemory#trimThresholds}). */
    public void setTrim(boolean on) {
        set(CollectorOptions.TRIM, on);
    }

    /** Switches a live option; throws {@link IllegalArgumentException} for a value it does not allow. */
    public <T> void set(CollectorOption<T> option, T value) {
        if (!option.live()) {
            throw new IllegalArgumentException(option.name() + ": cannot be changed while the collector runs");
        }
        option.validate(value);
        boolean changed;
        synchronized (this) {
            changed = !Objects.equals(state.get(option), value);
            Map<CollectorOption<?>, Object> next = new LinkedHashMap<>(state.values());
            next.put(option, value);
            state = new State(next);
            if (changed && option == CollectorOptions.TRIM) {
                NativeMemory.trimThresholds((Boolean) value);
            }
        }
        if (changed) {
            events.emit(EventKind.POLICY, option.name() + " " + option.type().format(value));
        }
    }
}
