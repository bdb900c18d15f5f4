package dev.plateau.ui.allocations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.ui.common.BackgroundTasks;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Which side a run folder goes to, without a window: listed once, A first, then B; call counts with separators. The
 * model is driven on the FX thread, as the view does: choosing a folder starts its (here failing) load task, which
 * reports back through the toolkit.
 */
@ExtendWith(ApplicationExtension.class)
class AllocationsViewModelTest {
    @TempDir
    Path runs;
    private final BackgroundTasks tasks = new BackgroundTasks();

    @AfterEach
    void stop() {
        tasks.shutdown(1000);
    }

    @Test
    void openedFoldersAreListedOnceAndFillAThenB(FxRobot robot) {
        AllocationsViewModel model = new AllocationsViewModel(runs, tasks);
        Path first = runs.resolve("elsewhere/stock");
        Path second = runs.resolve("elsewhere/patched");
        robot.interact(() -> model.openFolder(first));
        assertThat(model.a().dirProperty().get()).isEqualTo(first);
        assertThat(model.b().dirProperty().get()).isNull();
        robot.interact(() -> {
            model.openFolder(second);
            model.openFolder(first);
        });
        assertThat(model.a().dirProperty().get()).isEqualTo(first);
        assertThat(model.b().dirProperty().get()).isEqualTo(first);
        assertThat(model.runs()).containsExactly(first, second);
    }

    @Test
    void showListsBothFoldersAndANullClearsItsSide(FxRobot robot) {
        AllocationsViewModel model = new AllocationsViewModel(runs, tasks);
        Path a = runs.resolve("a");
        Path b = runs.resolve("b");
        robot.interact(() -> model.show(a, b));
        assertThat(model.runs()).containsExactly(a, b);
        assertThat(model.a().dirProperty().get()).isEqualTo(a);
        assertThat(model.b().dirProperty().get()).isEqualTo(b);
        robot.interact(() -> model.show(b, null));
        assertThat(model.runs()).containsExactly(a, b);
        assertThat(model.a().dirProperty().get()).isEqualTo(b);
        assertThat(model.b().dirProperty().get()).isNull();
    }

    @Test
    void callsHaveThousandsSeparators() {
        assertThat(AllocationsViewModel.calls(1_234_567)).isEqualTo("1,234,567");
        assertThat(AllocationsViewModel.calls(12)).isEqualTo("12");
    }
}
