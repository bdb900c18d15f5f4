package dev.plateau.ui;

import static dev.plateau.ui.LiveFlowUiTest.fx;
import static dev.plateau.ui.LiveFlowUiTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.allocations.HeaptrackMissingException;
import dev.plateau.allocations.HeaptrackProfile;
import dev.plateau.ui.main.Console;
import dev.plateau.ui.main.Page;
import dev.plateau.testing.PythonSink;
import dev.plateau.ui.target.TargetKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The console's whole heaptrack path, as a user clicks it: Launch command with the heaptrack box (a real Python
 * HTTP sink under real heaptrack), ● New run, a burst from the Load tab, ■ Stop on the target — its allocation
 * sites are summarised into the run folder, and the Allocations tab opens that run with its sites.
 */
@ExtendWith(ApplicationExtension.class)
class HeaptrackConsoleUiTest {
    @TempDir
    static Path tmp;
    private Console console;

    @Start
    void start(Stage stage) {
        console = TestConsoles.show(stage, tmp);
        console.model().pageProperty().set(Page.LOAD);
    }

    @Stop
    void stop() {
        console.shutdown();
    }

    @Test
    @SuppressWarnings("unchecked")
    void launchUnderHeaptrack_recordBurstStop_theAllocationsTabShowsTheRunsSites(FxRobot robot) throws Exception {
        try {
            HeaptrackProfile.locate();
        } catch (HeaptrackMissingException e) {
            Assumptions.abort(e.getMessage() + " (.ci/run installs it)");
        }
        String command = "'" + PythonSink.interpreter() + "' '" + PythonSink.script() + "' {port} keep";
        robot.interact(() -> {
            robot.lookup("#targetKindChoice").queryAs(ComboBox.class).setValue(TargetKind.COMMAND);
            robot.lookup("#targetCommandField").queryAs(TextField.class).setText(command);
        });
        robot.clickOn("#targetHeaptrackCheck");
        assertThat(fx(robot, () -> robot.lookup("#targetHeaptrackCheck").queryAs(CheckBox.class).isSelected())).isTrue();
        robot.clickOn("#targetStartButton");
        await().atMost(Duration.ofSeconds(60)).until(() -> !fx(robot, () -> text(robot, "#targetStatus"))
                .startsWith("launching"));
        assertThat(fx(robot, () -> text(robot, "#targetStatus"))).endsWith(" · under heaptrack");

        robot.interact(() -> console.model().parts().runs().start());
        var load = console.model().parts().load();
        robot.interact(() -> {
            load.requestsField().textProperty().set("30");
            load.linesField().textProperty().set("200");
            load.delayMsField().textProperty().set("20");
            load.rateField().textProperty().set("0");
            load.connectionsField().textProperty().set("3");
            assertThat(load.fire()).as(load.errorProperty().get()).isNotNull();
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> fx(robot, () -> load.lastReportProperty().get()).contains("201×30"));

        robot.clickOn("#targetStopButton");
        await().atMost(Duration.ofSeconds(120)).until(() -> fx(robot, () -> text(robot, "#targetStatus"))
                .matches("stopped pid \\d+ · .*"));
        assertThat(fx(robot, () -> text(robot, "#targetStatus"))).contains(" · allocation sites in ");
        robot.interact(() -> console.model().parts().runs().stop());
        Path run;
        try (Stream<Path> dirs = Files.list(tmp.resolve("runs"))) {
            run = dirs.filter(d -> Files.exists(d.resolve("samples.csv"))).findFirst().orElseThrow();
        }
        assertThat(run.resolve("allocations.json")).exists();
        try (Stream<Path> files = Files.list(run)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(f -> f.matches("heaptrack\\..+\\.(zst|gz)"));
        }
        assertThat(Files.readAllLines(run.resolve("samples.csv")).get(0)).contains("target_rss_bytes", "load_answered_total");

        robot.interact(() -> console.model().pageProperty().set(Page.ALLOCATIONS));
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(robot, () ->
                !robot.lookup("#tableA").queryAs(TableView.class).getItems().isEmpty()));
        assertThat(fx(robot, () -> robot.lookup("#runA").queryAs(ComboBox.class).getValue())).isEqualTo(run);
        assertThat(fx(robot, () -> text(robot, "#headlineA"))).contains("still allocated when killed");
    }
}
