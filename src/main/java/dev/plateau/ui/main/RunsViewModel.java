package dev.plateau.ui.main;

import dev.plateau.ui.common.BackgroundTasks;
import dev.plateau.ui.common.Errors;
import dev.plateau.ui.common.Parsers;
import dev.plateau.ui.common.ValidatedField;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;

/**
 * The toolbar's "New run": a label (validated: it becomes part of {@code runs/<timestamp>-<label>/}) and a
 * Record/Stop toggle around the run recorder. {@link #lastSavedProperty()} tells the Compare tab to reload.
 */
public final class RunsViewModel {
    /** A recording in progress (adapts {@code dev.plateau.runs.RunRecorder}). */
    public interface Recording {
        Path dir();

        /** Finishes the run: flushes samples and events, writes run.json. */
        void stop() throws Exception;
    }

    private final Function<String, Recording> recorder;
    private final BackgroundTasks tasks;
    private final ValidatedField<String> label = new ValidatedField<>("before", Parsers.label());
    private final ReadOnlyBooleanWrapper recording = new ReadOnlyBooleanWrapper(this, "recording");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper statusError = new ReadOnlyBooleanWrapper(this, "statusError");
    private final ReadOnlyObjectWrapper<Path> lastSaved = new ReadOnlyObjectWrapper<>(this, "lastSaved");
    private volatile Recording current;

    public RunsViewModel(Function<String, Recording> recorder, BackgroundTasks tasks) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    /** Starts recording with the label, or stops and saves the current run. */
    public void toggle() {
        if (recording.get()) {
            stop();
        } else {
            start();
        }
    }

    public void start() {
        if (recording.get()) {
            return;
        }
        if (!label.isValid()) {
            fail(label.errorProperty().get());
            return;
        }
        try {
            current = recorder.apply(label.value());
            recording.set(true);
            statusError.set(false);
            status.set("recording " + current.dir().getFileName());
        } catch (RuntimeException e) {
            fail("cannot record: " + Errors.message(e));
        }
    }

    public Task<Path> stop() {
        Recording r = current;
        if (r == null) {
            return null;
        }
        current = null;
        status.set("saving " + r.dir().getFileName() + " ...");
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                r.stop();
                return r.dir();
            }
        };
        task.setOnSucceeded(e -> {
            recording.set(false);
            statusError.set(false);
            status.set("saved " + r.dir());
            lastSaved.set(r.dir());
        });
        task.setOnFailed(e -> {
            recording.set(false);
            fail("saving the run failed: " + Errors.message(task.getException()));
        });
        return tasks.submit(task);
    }

    /** Window closing: finish the run on the calling thread. */
    public void stopRecording() {
        Recording r = current;
        current = null;
        if (r != null) {
            try {
                r.stop();
            } catch (Exception e) {
                // closing: nothing left to show it on
            }
        }
    }

    private void fail(String message) {
        statusError.set(true);
        status.set(message);
    }

    public ValidatedField<String> labelField() {
        return label;
    }

    public ReadOnlyBooleanProperty recordingProperty() {
        return recording.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty statusErrorProperty() {
        return statusError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> lastSavedProperty() {
        return lastSaved.getReadOnlyProperty();
    }
}
