package dev.plateau.ui.compare;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.runs.Scenario;
import dev.plateau.runs.ScenarioPlayer;
import dev.plateau.ui.common.BackgroundTasks;
import dev.plateau.ui.common.Errors;
import dev.plateau.ui.common.Parsers;
import dev.plateau.ui.common.ValidatedField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.function.Consumer;
import java.util.stream.Stream;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The Before / After experiment: one scenario from {@code samples/scenarios/} played two or three times, each on a
 * fresh embedded collector through {@link ScenarioPlayer} — policies off (upstream), on (shrink + reinit), and
 * optionally on + idle timeout — in one background Task whose progress covers all runs. When it is done the
 * recorded runs are handed to {@code onDone} (the console selects them in the Compare tab and shows it). Each run
 * keeps its own event log (its {@code events.csv}): the console's Live charts and Log show the live collector only.
 *
 * <pre>{@code
 * experiment.scenarioProperty().set(Path.of("samples/scenarios/small-before.json"));
 * experiment.run();      // runs/…-small-before-off, …-on, …-on-idle
 * }</pre>
 */
public final class ExperimentViewModel {
    /** One variant of the experiment: the policies it forces. */
    public record Variant(String suffix, String description, boolean shrink, boolean reinit, Duration idleTimeout,
            boolean trim) {
        public Variant(String suffix, String description, boolean shrink, boolean reinit, Duration idleTimeout) {
            this(suffix, description, shrink, reinit, idleTimeout, false);
        }
    }

    private final Path scenariosDir;
    private final Path runsRoot;
    private final EventLog events;
    private final BackgroundTasks tasks;
    private final Consumer<List<Path>> onDone;
    private final ObservableList<Path> scenarios = FXCollections.observableArrayList();
    private final ObjectProperty<Path> scenario = new SimpleObjectProperty<>(this, "scenario");
    private final BooleanProperty withIdleTimeout = new SimpleBooleanProperty(this, "withIdleTimeout", true);
    private final BooleanProperty withTrim = new SimpleBooleanProperty(this, "withTrim", false);
    private final ValidatedField<Duration> idleTimeout = new ValidatedField<>("2s", Parsers.positiveDuration("idle timeout"));
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageError = new ReadOnlyBooleanWrapper(this, "messageError");
    private Task<List<Path>> task;

    public ExperimentViewModel(Path scenariosDir, Path runsRoot, EventLog events, BackgroundTasks tasks,
                               Consumer<List<Path>> onDone) {
        this.scenariosDir = Objects.requireNonNull(scenariosDir, "scenariosDir");
        this.runsRoot = Objects.requireNonNull(runsRoot, "runsRoot");
        this.events = Objects.requireNonNull(events, "events");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.onDone = Objects.requireNonNull(onDone, "onDone");
        scenario.addListener((obs, o, file) -> idleTimeout.textProperty().set(suggestedIdleTimeout(file)));
        refreshScenarios();
    }

    /** Lists {@code *.json} in the scenarios folder; prefers a "small" one as the default (quick to run). */
    public void refreshScenarios() {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(scenariosDir)) {
            try (Stream<Path> files = Files.list(scenariosDir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(found::add);
            } catch (IOException e) {
                fail("cannot list " + scenariosDir + ": " + Errors.message(e));
            }
        } else {
            fail("no scenarios folder " + scenariosDir.toAbsolutePath().normalize());
        }
        scenarios.setAll(found);
        if (scenario.get() == null || !found.contains(scenario.get())) {
            scenario.set(found.stream().filter(p -> p.getFileName().toString().startsWith("small-before")).findFirst()
                    .orElse(found.isEmpty() ? null : found.get(0)));
        }
    }

    /**
     * The idle timeout of the scenario's "-after-idle-timeout" sibling ({@code small-before.json} →
     * {@code small-after-idle-timeout.json}), so the third run uses what the scenario's author chose; else 2s.
     */
    public static String suggestedIdleTimeout(Path file) {
        if (file == null) {
            return "2s";
        }
        String base = file.getFileName().toString().replaceAll("-(before|after|after-idle-timeout)?\\.json$", "");
        Path sibling = file.resolveSibling(base + "-after-idle-timeout.json");
        try {
            if (Files.isRegularFile(sibling)) {
                Duration d = Scenario.load(sibling).collector().idleTimeout();
                if (!d.isZero()) {
                    return dev.plateau.collector.Sizes.formatDuration(d);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // fall back to the default
        }
        return "2s";
    }

    /** The variants a run of the experiment plays, in order. */
    public List<Variant> variants() {
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("off", "policies off (upstream)", false, false, Duration.ZERO));
        v.add(new Variant("on", "shrink + reinit on", true, true, Duration.ZERO));
        if (withIdleTimeout.get()) {
            Duration d = idleTimeout.isValid() ? idleTimeout.value() : Duration.ofSeconds(2);
            v.add(new Variant("on-idle", "shrink + reinit + idle timeout " + dev.plateau.collector.Sizes.formatDuration(d),
                    true, true, d));
        }
        if (withTrim.get()) {
            Duration d = v.get(v.size() - 1).idleTimeout();
            v.add(new Variant("on-trim", "shrink + reinit" + (d.isZero() ? "" : " + idle timeout") + " + Trim "
                    + "(as MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072)", true, true, d, true));
        }
        return v;
    }

    /** The scenario with its policies replaced by the variant's and its name suffixed ({@code small-before-on}). */
    public static Scenario variant(Scenario base, Variant v) {
        CollectorConfig c = base.collector().toBuilder().shrink(v.shrink()).reinit(v.reinit())
                .idleTimeout(v.idleTimeout()).trim(v.trim()).build();
        String name = base.name().replaceAll("-(before|after(-idle-timeout)?)$", "") + "-" + v.suffix();
        return new Scenario(name, v.description() + ". " + base.description(), c, base.sampleInterval(),
                base.bursts(), base.settleS(), base.source());
    }

    public Task<List<Path>> run() {
        if (running.get()) {
            return null;
        }
        Path file = scenario.get();
        if (file == null) {
            fail("choose a scenario first");
            return null;
        }
        if (withIdleTimeout.get() && !idleTimeout.isValid()) {
            fail(idleTimeout.errorProperty().get());
            return null;
        }
        List<Variant> plan = variants();
        task = new Task<>() {
            private volatile ScenarioPlayer player;

            @Override
            protected List<Path> call() throws Exception {
                Scenario base = Scenario.load(file);
                List<Path> dirs = new ArrayList<>();
                for (int i = 0; i < plan.size() && !isCancelled(); i++) {
                    Variant v = plan.get(i);
                    int index = i;
                    String head = String.format(Locale.ROOT, "run %d/%d, %s: ", i + 1, plan.size(), v.description());
                    updateMessage(head + "starting a fresh collector ...");
                    ScenarioPlayer p = new ScenarioPlayer(variant(base, v), runsRoot)
                            .progress((fraction, text) -> {
                                updateProgress(index + Math.max(0, Math.min(1, fraction)), plan.size());
                                updateMessage(head + text);
                                if (isCancelled()) {
                                    player.cancel();
                                }
                            });
                    player = p;
                    dirs.add(p.play().run().dir());
                }
                return dirs;
            }

            @Override
            protected void cancelled() {
                ScenarioPlayer p = player;
                if (p != null) {
                    p.cancel();
                }
            }
        };
        running.set(true);
        messageError.set(false);
        progress.bind(task.progressProperty());
        message.bind(task.messageProperty());
        task.setOnSucceeded(e -> {
            done();
            message.set("done: " + task.getValue().size() + " runs recorded in " + runsRoot + " — compared in the Compare tab");
            events.emit(EventKind.INFO, "experiment: " + task.getValue().size() + " runs recorded ("
                    + task.getValue().stream().map(d -> d.getFileName().toString()).collect(Collectors.joining(", "))
                    + "); their events are in each run's events.csv");
            onDone.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            done();
            fail("experiment failed: " + Errors.message(task.getException()));
        });
        task.setOnCancelled(e -> {
            done();
            fail("experiment cancelled");
        });
        return tasks.submit(task);
    }

    public void cancel() {
        Task<List<Path>> t = task;
        if (t != null && t.isRunning()) {
            t.cancel(false);
        }
    }

    private void done() {
        progress.unbind();
        message.unbind();
        running.set(false);
    }

    private void fail(String text) {
        messageError.set(true);
        message.set(text);
    }

    public ObservableList<Path> scenarios() {
        return scenarios;
    }

    public ObjectProperty<Path> scenarioProperty() {
        return scenario;
    }

    /** Whether the experiment ends with a variant that also has the Trim policy on. */
    public BooleanProperty withTrimProperty() {
        return withTrim;
    }

    public BooleanProperty withIdleTimeoutProperty() {
        return withIdleTimeout;
    }

    public ValidatedField<Duration> idleTimeoutField() {
        return idleTimeout;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageErrorProperty() {
        return messageError.getReadOnlyProperty();
    }
}
