package dev.plateau.ui;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.Profile;
import dev.plateau.collector.Sizes;
import dev.plateau.collector.config.FluentBitConfig;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;

/**
 * The toolbar's collector controls: listen address and port (validated as you type), Start/Stop through the
 * background executor, the status line ("listening on 127.0.0.1:9880", "stopped" or the error), and the three
 * policies, applied live to the running collector's {@code policies()} and used as initial values on start.
 *
 * <pre>{@code
 * CollectorViewModel vm = new CollectorViewModel(base, events, tasks);
 * vm.portField().textProperty().set("0");   // any free port
 * vm.start();                               // status becomes "listening on 127.0.0.1:41235"
 * vm.shrinkProperty().set(true);            // collector.policies().setShrink(true)
 * }</pre>
 */
public final class CollectorViewModel {
    private CollectorConfig base;
    private final EventLog events;
    private final BackgroundTasks tasks;
    private final ValidatedField<String> listen;
    private final ValidatedField<Integer> port;
    private final BooleanProperty shrink = new SimpleBooleanProperty(this, "shrink");
    private final BooleanProperty reinit = new SimpleBooleanProperty(this, "reinit");
    private final BooleanProperty trim = new SimpleBooleanProperty(this, "trim");
    private final ObjectProperty<Profile> profile = new SimpleObjectProperty<>(this, "profile");
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
        shrink.set(base.shrink());
        reinit.set(base.reinit());
        trim.set(base.trim());
        profile.set(base.profile());
        idleTimeoutSeconds.set((int) base.idleTimeout().toSeconds());
        profile.addListener((obs, old, p) -> {
            if (p != null && !running.get()) {
                idleTimeoutSeconds.set((int) p.idleTimeout().toSeconds());
            }
        });
        trim.addListener((obs, old, on) -> ifRunning(c -> c.policies().setTrim(on)));
        shrink.addListener((obs, old, on) -> ifRunning(c -> c.policies().setShrink(on)));
        reinit.addListener((obs, old, on) -> ifRunning(c -> c.policies().setReinit(on)));
        idleTimeoutSeconds.addListener((obs, old, s) -> {
            if (s != null && s >= 0) {
                ifRunning(c -> c.policies().setIdleTimeout(Duration.ofSeconds(s)));
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
            shrink.set(loaded.shrink());
            reinit.set(loaded.reinit());
            idleTimeoutSeconds.set((int) loaded.idleTimeout().toSeconds());
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
        Profile chosen = profile.get() == null ? base.profile() : profile.get();
        CollectorConfig.Builder b = base.toBuilder();
        if (chosen != base.profile()) {
            b.profile(chosen);
        }
        return b
                .listen(listen.value())
                .port(port.value())
                .shrink(shrink.get())
                .reinit(reinit.get())
                .trim(trim.get())
                .idleTimeout(Duration.ofSeconds(Math.max(0, idleTimeoutSeconds.get() == null ? 0 : idleTimeoutSeconds.get())))
                .build();
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

    /** The Trim policy: live while running (malloc thresholds, {@code malloc_trim(0)} after each flush). */
    public BooleanProperty trimProperty() {
        return trim;
    }

    /** Which Fluent Bit the next Start behaves like; choosing one sets its idle timeout in the field. */
    public ObjectProperty<Profile> profileProperty() {
        return profile;
    }

    public BooleanProperty reinitProperty() {
        return reinit;
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
