package dev.plateau.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.ui.main.Console;
import dev.plateau.ui.main.Page;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The main window carries the Fleet tab; showing it is a page like the others, so the refresh tick keeps working. */
@ExtendWith(ApplicationExtension.class)
class FleetTabUiTest {
    @TempDir
    static Path tmp;
    private Console console;

    @Start
    void start(Stage stage) {
        console = TestConsoles.show(stage, tmp);
    }

    @Stop
    void stop() {
        console.shutdown();
    }

    @Test
    void fleetTabIsAPageAndTheTickSurvivesIt(FxRobot robot) {
        robot.clickOn("Fleet");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        robot.interact(() -> {
            try {
                console.model().tick();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        assertThat(console.model().pageProperty().get()).isEqualTo(Page.FLEET);
        assertThat(failure.get()).isNull();
        assertThat(robot.lookup("#presetChoice").tryQuery()).isPresent();
    }
}
