package dev.plateau.ui.load;

import dev.plateau.load.BurstProgress;
import dev.plateau.load.BurstSpec;
import dev.plateau.ui.common.BackgroundTasks;
import dev.plateau.ui.common.Errors;
import dev.plateau.ui.common.Parsers;
import dev.plateau.ui.common.ValidatedField;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;

/**
 * The Load panel: every field validates as you type, and the whole form is checked by building the
 * {@link BurstSpec} (its messages name the option) into {@link #formErrorProperty()}. {@link #fire()} runs the burst
 * in a Task that polls its progress (sent / answered / failed) into the progress bar; {@link #cancel()} stops it.
 * A target that refuses connections ends as a one-line message next to the button, never a stack trace.
 *
 * <pre>{@code
 * load.requestsField().textProperty().set("50");
 * load.fire();                 // progress, then lastReportProperty() = "812 req/s   p50 1.2 ms ..."
 * }</pre>
 *
 * <p>Over 300 lines because the Load form has a dozen fields (each a property with an accessor, about 100 lines) and
 * the burst lifecycle (start, progress, hold, one more request, close held) they drive.
 */
public final class LoadViewModel {
    /** Aim at the embedded collector or at any URL (e.g. a real Fluent Bit). */
    public enum Target { EMBEDDED, URL }

    private final BurstService bursts;
    private final BackgroundTasks tasks;
    private final Supplier<String> embeddedUrl;
    private final ObjectProperty<Target> target = new SimpleObjectProperty<>(this, "target", Target.EMBEDDED);
    private final ValidatedField<URI> url = new ValidatedField<>("http://127.0.0.1:9880/app", Parsers.httpUrl());
    private final ValidatedField<Integer> requests = new ValidatedField<>("200", Parsers.intRange("requests", 1, 10_000_000));
    private final ValidatedField<Double> delayMs = new ValidatedField<>("0", Parsers.nonNegative("delay ms"));
    private final ValidatedField<Double> rate = new ValidatedField<>("0", Parsers.nonNegative("rate"));
    private final ValidatedField<Integer> connections = new ValidatedField<>("4", Parsers.intRange("connections", 1, 10_000));
    private final ValidatedField<Integer> reconnectEvery = new ValidatedField<>("0", Parsers.intRange("reconnect every", 0, 10_000_000));
    private final BooleanProperty abandon = new SimpleBooleanProperty(this, "abandon");
    private final BooleanProperty hold = new SimpleBooleanProperty(this, "hold");
    private final ObjectProperty<Preset> preset = new SimpleObjectProperty<>(this, "preset");
    private final ValidatedField<Integer> lines = new ValidatedField<>("100", Parsers.intRange("lines", 1, 1_000_000));
    private final ObjectProperty<Path> payloadFile = new SimpleObjectProperty<>(this, "payloadFile");
    private final BooleanProperty gzip = new SimpleBooleanProperty(this, "gzip");
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper(this, "formError", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper counters = new ReadOnlyStringWrapper(this, "counters", "");
    private final ReadOnlyStringWrapper lastReport = new ReadOnlyStringWrapper(this, "lastReport", "no burst yet");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private BurstService.Summary lastSummary;
    private boolean applying;
    private Task<BurstService.Summary> task;

    public LoadViewModel(BurstService bursts, BackgroundTasks tasks, Supplier<String> embeddedUrl) {
        this.bursts = Objects.requireNonNull(bursts, "bursts");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.embeddedUrl = Objects.requireNonNull(embeddedUrl, "embeddedUrl");
        for (ValidatedField<?> f : new ValidatedField<?>[] {url, requests, delayMs, rate, connections, reconnectEvery, lines}) {
            f.textProperty().addListener((obs, o, n) -> checkForm());
        }
        target.addListener((obs, o, n) -> checkForm());
        abandon.addListener((obs, o, n) -> checkForm());
        payloadFile.addListener((obs, o, n) -> checkForm());
        for (ValidatedField<?> f : new ValidatedField<?>[] {requests, delayMs, rate, connections, reconnectEvery, lines}) {
            f.textProperty().addListener((obs, o, n) -> forgetEditedPreset());
        }
        for (BooleanProperty b : List.of(abandon, hold, gzip)) {
            b.addListener((obs, o, n) -> forgetEditedPreset());
        }
        payloadFile.addListener((obs, o, n) -> forgetEditedPreset());
        preset.addListener((obs, o, p) -> apply(p));
        preset.set(Preset.BALLOON);
        checkForm();
    }

    /** Fills the form with a preset (payload file cleared, gzip off, rate 0) and shows it as chosen. */
    public void apply(Preset p) {
        if (p == null || applying) {
            return;
        }
        applying = true;
        preset.set(p);
        abandon.set(false);
        payloadFile.set(null);
        requests.textProperty().set(Integer.toString(p.requests));
        delayMs.textProperty().set(Long.toString(p.delayMs));
        rate.textProperty().set("0");
        connections.textProperty().set(Integer.toString(p.connections));
        reconnectEvery.textProperty().set(Integer.toString(p.reconnectEvery));
        abandon.set(p.abandon);
        lines.textProperty().set(Integer.toString(p.lines));
        hold.set(p.hold);
        gzip.set(false);
        applying = false;
    }

    /** Once the form no longer says what the chosen preset says, no preset is shown as chosen. */
    private void forgetEditedPreset() {
        if (!applying) {
            preset.set(null);
        }
    }

    private void checkForm() {
        for (ValidatedField<?> f : new ValidatedField<?>[] {requests, delayMs, rate, connections, reconnectEvery, lines}) {
            if (!f.isValid()) {
                formError.set("");
                return;
            }
        }
        if (target.get() == Target.URL && !url.isValid()) {
            formError.set("");
            return;
        }
        try {
            spec(URI.create("http://127.0.0.1:1/check"));
            formError.set("");
        } catch (IllegalStateException | IllegalArgumentException e) {
            formError.set(e.getMessage());
        }
    }

    /** Builds the spec from the fields; the embedded target is resolved by the caller. */
    public BurstSpec spec(URI embedded) {
        URI to = target.get() == Target.URL ? url.value() : embedded;
        return new BurstSpec(to, requests.value(), Math.round(delayMs.value()), rate.value(), connections.value(),
                reconnectEvery.value(), abandon.get(), hold.get(), payloadFile.get() == null ? lines.value() : 0,
                payloadFile.get(), gzip.get(), null, Duration.ofSeconds(30));
    }

    /** Fires a burst with the form's values; returns the task, or null with {@link #errorProperty()} set. */
    public Task<BurstService.Summary> fire() {
        if (running.get()) {
            return null;
        }
        BurstSpec spec;
        try {
            String embedded = embeddedUrl.get();
            if (target.get() == Target.EMBEDDED && embedded == null) {
                error.set("the embedded collector is not running — press Start in the toolbar, or choose a URL target");
                return null;
            }
            spec = spec(URI.create(embedded == null ? "http://127.0.0.1:1/" : embedded));
        } catch (IllegalStateException | IllegalArgumentException e) {
            error.set(e.getMessage());
            return null;
        }
        error.set("");
        running.set(true);
        counters.set("starting ...");
        task = new Task<>() {
            @Override
            protected BurstService.Summary call() throws Exception {
                BurstService.Running burst = bursts.start(spec);
                try {
                    while (true) {
                        BurstProgress p = burst.progress();
                        updateProgress(p.answered() + p.failed(), p.total());
                        updateMessage(describe(p));
                        try {
                            BurstService.Summary s = burst.result().get(100, TimeUnit.MILLISECONDS);
                            BurstProgress end = burst.progress();
                            updateProgress(1, 1);
                            updateMessage(describe(end));
                            return s;
                        } catch (TimeoutException stillRunning) {
                            if (isCancelled()) {
                                burst.cancel();
                                throw new InterruptedException("cancelled");
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    burst.cancel();
                    throw e;
                }
            }
        };
        progress.bind(task.progressProperty());
        counters.bind(task.messageProperty());
        task.setOnSucceeded(e -> {
            done();
            lastSummary = task.getValue();
            lastReport.set(lastSummary.oneLine());
            if (lastSummary.statusCounts().isEmpty() && !lastSummary.errors().isEmpty()) {
                error.set("no request was answered: " + String.join(", ", lastSummary.errors().keySet()));
            } else if (!lastSummary.failures().isEmpty()) {
                error.set("non-2xx answers: " + String.join("; ", lastSummary.failures()));
            }
        });
        task.setOnFailed(e -> {
            done();
            error.set(Errors.message(task.getException()));
        });
        task.setOnCancelled(e -> {
            done();
            error.set("burst cancelled");
        });
        return tasks.submit(task);
    }

    /** The preset choice's text: the preset, or that the form was edited away from every preset (null). */
    static String presetLabel(Preset p) {
        return p == null ? "custom (edited) — choose a preset to refill" : p.toString();
    }

    static String describe(BurstProgress p) {
        return "sent " + p.sent() + " / answered " + p.answered() + " / failed " + p.failed()
                + (p.non2xx() > 0 ? " (non-2xx " + p.non2xx() + ")" : "") + " of " + p.total()
                + "   open connections " + p.openConnections();
    }

    private void done() {
        double last = progress.get();
        String text = counters.get();
        progress.unbind();
        counters.unbind();
        progress.set(last);
        counters.set(text);
        running.set(false);
    }

    /** Cancels the running burst, if any. */
    public void cancel() {
        Task<BurstService.Summary> t = task;
        if (t != null && t.isRunning()) {
            t.cancel(true);
        }
    }

    /** Closes the connections earlier bursts held or abandoned (reconnect + abandon) so their buffers can go. */
    public void closeHeld() {
        int n = bursts.closeHeld();
        error.set("");
        counters.set(n == 0 ? "no held or abandoned connections were open" : "closed " + n + " held or abandoned connections");
    }

    /**
     * Sends one small request (one log record) on a connection the last burst holds open: with Shrink on, the
     * collector gives that connection's buffer back after it. Returns the task, or null when no burst holds one.
     */
    public Task<Integer> oneMore() {
        if (running.get()) {
            return null;
        }
        Task<Integer> one = new Task<>() {
            @Override
            protected Integer call() throws Exception {
                return bursts.oneMore().get(30, TimeUnit.SECONDS);
            }
        };
        one.setOnSucceeded(e -> {
            error.set("");
            counters.set("one more request on a held connection: " + one.getValue());
        });
        one.setOnFailed(e -> error.set("one more request: " + Errors.message(one.getException())));
        return tasks.submit(one);
    }

    public BurstService.Summary lastSummary() {
        return lastSummary;
    }

    public ObjectProperty<Target> targetProperty() {
        return target;
    }

    public ValidatedField<URI> urlField() {
        return url;
    }

    public ValidatedField<Integer> requestsField() {
        return requests;
    }

    public ValidatedField<Double> delayMsField() {
        return delayMs;
    }

    public ValidatedField<Double> rateField() {
        return rate;
    }

    public ValidatedField<Integer> connectionsField() {
        return connections;
    }

    public ValidatedField<Integer> reconnectEveryField() {
        return reconnectEvery;
    }

    public BooleanProperty abandonProperty() {
        return abandon;
    }

    public BooleanProperty holdProperty() {
        return hold;
    }

    /** The preset the form shows, or null once the form was edited. */
    public ObjectProperty<Preset> presetProperty() {
        return preset;
    }

    public ValidatedField<Integer> linesField() {
        return lines;
    }

    public ObjectProperty<Path> payloadFileProperty() {
        return payloadFile;
    }

    public BooleanProperty gzipProperty() {
        return gzip;
    }

    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countersProperty() {
        return counters.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastReportProperty() {
        return lastReport.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
