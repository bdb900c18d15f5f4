package dev.plateau.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.events.EventLog;
import dev.plateau.runs.RunInfo;
import dev.plateau.runs.RunRecorder;
import dev.plateau.runs.RunStats;
import dev.plateau.runs.RunStore;
import dev.plateau.runs.Trend;
import dev.plateau.telemetry.Sampler;
import dev.plateau.ui.Samples;
import dev.plateau.ui.common.BackgroundTasks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The Compare tab's state on two recorded runs (no window): n/a for a missing metric, selection sync, threshold. */
@ExtendWith(ApplicationExtension.class)
class CompareViewModelTest {
    @TempDir
    static Path runs;

    @BeforeAll
    static void recordTwoRunsWithoutAWatchedProcess() throws Exception {
        for (String label : List.of("before", "after")) {
            RunRecorder recorder = new RunRecorder(runs, label, new Sampler(() -> null), new EventLog());
            recorder.start();
            for (int i = 0; i < 40; i++) {
                recorder.append(Samples.at(i * 0.25, 50_000_000L + (label.equals("before") ? i * 1_000_000L : 0)));
            }
            recorder.finish();
        }
    }

    private CompareViewModel loaded(FxRobot robot) {
        CompareViewModel vm = new CompareViewModel(new RunStore(runs), new BackgroundTasks(), new Trend());
        robot.interact(vm::reload);
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.runs().size() == 2);
        return vm;
    }

    @Test
    void metricARunLacks_isNotAvailableNeverMinusOneAndDrawsNoLine(FxRobot robot) {
        CompareViewModel vm = loaded(robot);
        robot.interact(() -> {
            vm.metricProperty().set("watched_rss_bytes");
            vm.selected().setAll(List.copyOf(vm.runs()));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.statsProperty().get().size() == 2
                && vm.statsProperty().get().get(0).metric().equals("watched_rss_bytes"));
        for (RunStats s : vm.statsProperty().get()) {
            assertThat(CompareCells.lacks(s)).isTrue();
            for (CompareCells.Cell cell : CompareCells.Cell.values()) {
                assertThat(CompareCells.text(s, cell)).isEqualTo("n/a");
            }
        }
        assertThat(vm.overlayProperty().get()).isEmpty();
    }

    @Test
    void metricTheRunsHave_showsFiguresAndVerdicts(FxRobot robot) {
        CompareViewModel vm = loaded(robot);
        robot.interact(() -> {
            vm.metricProperty().set("rss_bytes");
            vm.selected().setAll(List.copyOf(vm.runs()));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.overlayProperty().get().size() == 2);
        RunStats before = vm.statsProperty().get().stream().filter(s -> s.run().equals("before")).findFirst().orElseThrow();
        assertThat(CompareCells.text(before, CompareCells.Cell.PEAK)).isEqualTo("89 MB");
        assertThat(CompareCells.text(before, CompareCells.Cell.VERDICT)).isEqualTo("growing");
    }

    @Test
    void followSelection_keepsTheListAndTheModelEqualBothWays(FxRobot robot) {
        CompareViewModel vm = loaded(robot);
        ObservableList<RunInfo> shown = FXCollections.observableArrayList();
        List<List<RunInfo>> pushed = new ArrayList<>();
        vm.followSelection(shown, runsToShow -> {
            pushed.add(runsToShow);
            shown.setAll(runsToShow);
        });
        robot.interact(() -> shown.setAll(vm.runs().get(0)));
        assertThat(vm.selected()).containsExactly(vm.runs().get(0));
        assertThat(pushed).isEmpty();
        robot.interact(() -> vm.selected().setAll(List.copyOf(vm.runs())));
        assertThat(shown).containsExactlyElementsOf(vm.runs());
        assertThat(pushed).hasSize(1);
    }

    @Test
    void verdictHeader_namesTheThreshold() {
        CompareViewModel vm = new CompareViewModel(new RunStore(runs), new BackgroundTasks(), new Trend(2048));
        assertThat(vm.verdictHeader()).isEqualTo("verdict (> 2048 B/unit)");
        assertThat(new CompareViewModel(new RunStore(runs), new BackgroundTasks(), new Trend()).verdictHeader())
                .isEqualTo("verdict (> 10% of level and > 1 MiB)");
    }
}
