package dev.plateau.ui.main;

import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.ui.common.Errors;
import dev.plateau.ui.common.Parsers;
import dev.plateau.ui.common.ValidatedField;
import java.util.Objects;
import java.util.function.LongConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * "Watch a process": a PID whose RSS the sampler reads beside the collector's (drawn on its own chart, "watched
 * process RSS"). {@code watch} throws with a user message when the PID does not exist. {@link #refresh()} (each
 * tick) notices when the process exits: watching stops, the status says so in red and the event log gets a
 * warning, which the charts mark.
 *
 * <pre>{@code
 * WatchViewModel w = new WatchViewModel(pid -> sampler.watch(ProcessMemoryProbe.of(pid)), sampler::unwatch, events);
 * w.pidField().textProperty().set("4242");
 * w.toggle();      // "watching pid 4242"
 * w.refresh();     // after it exits: "pid 4242 exited", not watching, WARNING event
 * }</pre>
 */
public final class WatchViewModel {
    private final LongConsumer watch;
    private final Runnable unwatch;
    private final EventLog events;
    private long watchedPid;
    private final ValidatedField<Integer> pid = new ValidatedField<>("",
            text -> text.isEmpty() ? null : Parsers.intRange("PID", 1, Integer.MAX_VALUE).apply(text));
    private final ReadOnlyBooleanWrapper watching = new ReadOnlyBooleanWrapper(this, "watching");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper statusError = new ReadOnlyBooleanWrapper(this, "statusError");

    public WatchViewModel(LongConsumer watch, Runnable unwatch, EventLog events) {
        this.watch = Objects.requireNonNull(watch, "watch");
        this.unwatch = Objects.requireNonNull(unwatch, "unwatch");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** While watching: if the process has exited, stop watching, say so and log it. */
    public void refresh() {
        if (watching.get() && !ProcessHandle.of(watchedPid).map(ProcessHandle::isAlive).orElse(false)) {
            unwatch.run();
            watching.set(false);
            statusError.set(true);
            status.set("pid " + watchedPid + " exited");
            events.emit(EventKind.WARNING, "watched process " + watchedPid + " exited");
        }
    }

    /** Watches the PID in the field, or stops watching. */
    public void toggle() {
        if (watching.get()) {
            unwatch.run();
            watching.set(false);
            statusError.set(false);
            status.set("");
            return;
        }
        if (!pid.isValid() || pid.value() == null) {
            statusError.set(true);
            status.set(pid.isValid() ? "PID: type the process id to watch, e.g. a fluent-bit's" : pid.errorProperty().get());
            return;
        }
        try {
            watch.accept(pid.value());
            watchedPid = pid.value();
            watching.set(true);
            statusError.set(false);
            status.set("watching pid " + pid.value());
        } catch (RuntimeException e) {
            statusError.set(true);
            status.set(Errors.message(e));
        }
    }

    public ValidatedField<Integer> pidField() {
        return pid;
    }

    public ReadOnlyBooleanProperty watchingProperty() {
        return watching.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty statusErrorProperty() {
        return statusError.getReadOnlyProperty();
    }
}
