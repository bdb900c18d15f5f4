package dev.plateau.ui.main;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.CollectorOption;
import dev.plateau.collector.CollectorOptions;
import dev.plateau.collector.Profile;
import dev.plateau.collector.Sizes;
import dev.plateau.collector.config.FluentBitConfig;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.ui.common.BackgroundTasks;
import dev.plateau.ui.common.Errors;
import dev.plateau.ui.common.Parsers;
import dev.plateau.ui.common.ValidatedField;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;

/**
 * The toolbar's collector controls: listen address and port (validated as you type), Start/Stop through the
 * background executor, the status line ("listening on 127.0.0.1:9880", "stopped" or the error), the profile (which
 * Fluent Bit the next Start behaves like) and the live policies, applied live to the running collector's
 * {@code policies()} and used as initial values on start.
 *
 * <pre>{@code
 * CollectorViewModel vm = new CollectorViewModel(base, events, tasks);
 * vm.portField().textProperty().set("0");   // any free port
 * vm.start();                               // status becomes "listening on 127.0.0.1:41235"
 * vm.shrinkProperty().set(true);            // collector.policies().setShrink(true)
 * }</pre>
 *
 * <p>Over 300 lines because it holds the collector bar's whole lifecycle (config fields, loading a config file,
 * start and stop in the background, the status line, the profile) and the live policies derived from the catalogue,
 * with the accessors the bar binds.
 */
public final class CollectorViewModel {
    private CollectorConfig base;
    private final EventLog events;
    private final BackgroundTasks tasks;
    private final ValidatedField<String> listen;
    private final ValidatedField<Integer> port;
    /** One field per live catalogue option ({@link CollectorOptions#live()}), applied to the running collector. */
    private final Map<CollectorOption<?>, ObjectProperty<Object>> liveFields = new LinkedHashMap<>();
    private final BooleanProperty shrink;
    private final BooleanProperty reinit;
    private final BooleanProperty trim;
    private final ObjectProperty<Profile> profile = new SimpleObjectProperty<>(this, CollectorOptions.PROFILE.name());
    private final ObjectProperty<Integer> idleTimeoutSeconds = new SimpleObjectProperty<>(this, "idleTimeoutSeconds", 0);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "stopped — press ▶ Start");
    private final ReadOnlyBooleanWrapper statusError = new ReadOnlyBooleanWrapper(this, "statusError");
    private final ReadOnlyObjectWrapper<Collector> collector = new ReadOnlyObjectWrapper<>(this, "collector");
    private volatile Collector current;

    public CollectorViewModel(CollectorConfig base, EventLog events, BackgroundTasks tasks) {
        this.base = Objects.requireNonNull(base, "base");
        this.events = Objects.requireNonNull(events, "events");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        listen = new ValidatedField<>(base.listen(), Parsers.host());
        port = new ValidatedField<>(Integer.toString(base.port()), Parsers.port());
        for (CollectorOption<?> o : CollectorOptions.live()) {
            ObjectProperty<Object> field = new SimpleObjectProperty<>(this, o.name(), o.get(base));
            field.addListener((obs, old, v) -> ifRunning(c -> setLive(c, o, v)));
            liveFields.put(o, field);
        }
        shrink = BooleanProperty.booleanProperty(typed(CollectorOptions.SHRINK));
        reinit = BooleanProperty.booleanProperty(typed(CollectorOptions.REINIT));
        trim = BooleanProperty.booleanProperty(typed(CollectorOptions.TRIM));
        profile.set(base.profile());
        ObjectProperty<Duration> idle = typed(CollectorOptions.IDLE_TIMEOUT);
        idleTimeoutSeconds.set((int) idle.get().toSeconds());
        idle.addListener((obs, old, d) -> idleTimeoutSeconds.set((int) d.toSeconds()));
        idleTimeoutSeconds.addListener((obs, old, s) -> {
            if (s != null && s >= 0) {
                idle.set(Duration.ofSeconds(s));
            }
        });
        profile.addListener((obs, old, p) -> {
            if (p != null && !running.get()) {
                idle.set(p.idleTimeout());
            }
        });
    }

    /**
     * "Open Fluent Bit config…": reads a classic or YAML Fluent Bit file in the background; on success its input
     * becomes the template of the next Start (address, port and policies go into the fields), warnings go to the
     * Log tab, and an invalid value shows as {@code file:line: message} in the status. Only while stopped.
     */
    public Task<FluentBitConfig> loadConfig(Path file) {
        if (running.get() || busy.get()) {
            showError("stop the collector before loading a config");
            return null;
        }
        Task<FluentBitConfig> task = new Task<>() {
            @Override
            protected FluentBitConfig call() throws Exception {
                return FluentBitConfig.load(file, System.getenv());
            }
        };
        busy.set(true);
        task.setOnSucceeded(e -> {
            busy.set(false);
            FluentBitConfig fb = task.getValue();
            CollectorConfig loaded;
            try {
                loaded = fb.builder().build();
            } catch (IllegalArgumentException ex) {
                showError(file.getFileName() + ": " + ex.getMessage());
                return;
            }
            base = loaded;
            listen.textProperty().set(loaded.listen());
            port.textProperty().set(Integer.toString(loaded.port()));
            profile.set(loaded.profile());
            liveFields.forEach((o, field) -> field.set(o.get(loaded)));
            for (String w : fb.warnings()) {
                events.emit(EventKind.WARNING, file.getFileName() + ": " + w);
            }
            events.emit(EventKind.INFO, "config " + file + " loaded: chunk " + Sizes.formatSize(loaded.bufferChunkSize())
                    + ", max " + Sizes.formatSize(loaded.bufferMaxSize()) + ", output " + loaded.output());
            statusError.set(false);
            status.set("loaded " + file.getFileName() + (fb.warnings().isEmpty() ? "" : " (" + fb.warnings().size()
                    + " warnings in the Log tab)") + " — press ▶ Start");
        });
        task.setOnFailed(e -> {
            busy.set(false);
            showError(Errors.message(task.getException()));
        });
        return tasks.submit(task);
    }

    /** The template every Start uses (Plateau's defaults, or the last loaded Fluent Bit config). */
    public CollectorConfig base() {
        return base;
    }

    /** Starts a collector with the fields' address and port and the current policies. */
    public Task<Collector> start() {
        if (running.get() || busy.get()) {
            return null;
        }
        if (!listen.isValid() || !port.isValid()) {
            showError(!listen.isValid() ? listen.errorProperty().get() : port.errorProperty().get());
            return null;
        }
        CollectorConfig config = config();
        busy.set(true);
        status.set("starting on " + config.listen() + ":" + config.port() + " ...");
        statusError.set(false);
        Task<Collector> task = new Task<>() {
            @Override
            protected Collector call() {
                Collector c = new Collector(config, events);
                c.start();
                return c;
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            current = task.getValue();
            collector.set(current);
            running.set(true);
            statusError.set(false);
            status.set("listening on " + format(current.address()));
        });
        task.setOnFailed(e -> {
            busy.set(false);
            showError(Errors.message(task.getException()));
        });
        return tasks.submit(task);
    }

    /** Stops the collector: closes connections and drains the queue to the output. */
    public Task<Void> stop() {
        Collector c = current;
        if (c == null || busy.get()) {
            return null;
        }
        busy.set(true);
        status.set("stopping (draining) ...");
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() {
                c.stop();
                return null;
            }
        };
        task.setOnSucceeded(e -> stopped(null));
        task.setOnFailed(e -> stopped(Errors.message(task.getException())));
        return tasks.submit(task);
    }

    /** Stops the collector on the calling thread (window closing); safe to call when nothing runs. */
    public void stopNow() {
        Collector c = current;
        current = null;
        if (c != null) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                // shutting down: nothing left to show it on
            }
        }
    }

    private void stopped(String error) {
        busy.set(false);
        current = null;
        collector.set(null);
        running.set(false);
        if (error == null) {
            statusError.set(false);
            status.set("stopped");
        } else {
            showError("stop failed: " + error);
        }
    }

    /** The config a start would use right now (fields must be valid). */
    public CollectorConfig config() {
        CollectorConfig.Builder b = base.toBuilder().listen(listen.value()).port(port.value());
        if (profile.get() != null && profile.get() != base.profile()) {
            b.profile(profile.get());
        }
        liveFields.forEach((o, field) -> setTyped(b, o, field.get()));
        return b.build();
    }

    /** The console field of a live option, typed (its value is always the option's type). */
    @SuppressWarnings("unchecked")
    public <T> ObjectProperty<T> typed(CollectorOption<T> option) {
        return (ObjectProperty<T>) (ObjectProperty<?>) liveFields.get(option);
    }

    /** The console fields of every live option, in catalogue order. */
    public Map<CollectorOption<?>, ObjectProperty<Object>> liveFields() {
        return java.util.Collections.unmodifiableMap(liveFields);
    }

    @SuppressWarnings("unchecked")
    private static <T> void setLive(Collector c, CollectorOption<T> o, Object v) {
        c.policies().set(o, (T) v);
    }

    @SuppressWarnings("unchecked")
    private static <T> void setTyped(CollectorConfig.Builder b, CollectorOption<T> o, Object v) {
        b.set(o, (T) v);
    }

    private void showError(String message) {
        statusError.set(true);
        status.set(message);
    }

    private void ifRunning(java.util.function.Consumer<Collector> action) {
        Collector c = current;
        if (c != null) {
            action.accept(c);
        }
    }

    static String format(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return host + ":" + a.getPort();
    }

    /** The running collector or null; read from any thread (the sampler's supplier). */
    public Collector current() {
        return current;
    }

    /** The URL bursts aimed at the embedded collector use, or null when it is not running. */
    public String targetUrl() {
        Collector c = current;
        return c == null ? null : "http://" + format(c.address()) + "/plateau";
    }

    public ValidatedField<String> listenField() {
        return listen;
    }

    public ValidatedField<Integer> portField() {
        return port;
    }

    public BooleanProperty shrinkProperty() {
        return shrink;
    }

    public BooleanProperty reinitProperty() {
        return reinit;
    }

    /** The Trim policy (malloc thresholds lowered, {@code malloc_trim(0)} after each flush). */
    public BooleanProperty trimProperty() {
        return trim;
    }

    /** Which Fluent Bit the next Start behaves like; choosing one sets the idle timeout field to its default. */
    public ObjectProperty<Profile> profileProperty() {
        return profile;
    }

    public ObjectProperty<Integer> idleTimeoutSecondsProperty() {
        return idleTimeoutSeconds;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty statusErrorProperty() {
        return statusError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Collector> collectorProperty() {
        return collector.getReadOnlyProperty();
    }

    public EventLog events() {
        return events;
    }
}
