package dev.plateau.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.events.EventLog;
import dev.plateau.runs.RunRecorder;
import dev.plateau.telemetry.Sampler;
import dev.plateau.ui.common.BackgroundTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** "● New run" around a real {@link RunRecorder}: label validation, recording, saving into runs/. */
@ExtendWith(ApplicationExtension.class)
class RunsViewModelTest {
    @TempDir
    Path runs;
    private final BackgroundTasks tasks = new BackgroundTasks();

    private RunsViewModel.Recording record(String label) {
        RunRecorder recorder = new RunRecorder(runs, label, new Sampler(() -> null), new EventLog());
        try {
            Path dir = recorder.start();
            return new RunsViewModel.Recording() {
                @Override
                public Path dir() {
                    return dir;
                }

                @Override
                public void stop() throws Exception {
                    recorder.finish();
                }
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void toggleTwice_recordsAndSavesTheRunUnderItsLabel(FxRobot robot) {
        RunsViewModel vm = new RunsViewModel(this::record, tasks);
        robot.interact(() -> {
            vm.labelField().textProperty().set("after");
            vm.toggle();
        });
        assertThat(vm.recordingProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).startsWith("recording ").endsWith("-after");
        robot.interact(vm::toggle);
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.lastSavedProperty().get() != null);
        Path saved = vm.lastSavedProperty().get();
        assertThat(saved.getParent()).isEqualTo(runs);
        assertThat(saved.resolve("run.json")).exists();
        assertThat(vm.recordingProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo("saved " + saved);
    }

    @Test
    void invalidLabel_isAnErrorAndRecordsNothing(FxRobot robot) throws Exception {
        RunsViewModel vm = new RunsViewModel(this::record, tasks);
        robot.interact(() -> {
            vm.labelField().textProperty().set("a/b");
            vm.toggle();
        });
        assertThat(vm.recordingProperty().get()).isFalse();
        assertThat(vm.statusErrorProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).isNotBlank();
        try (var files = Files.list(runs)) {
            assertThat(files).isEmpty();
        }
    }
}
