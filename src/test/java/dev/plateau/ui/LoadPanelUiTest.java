package dev.plateau.ui;

import static dev.plateau.ui.LiveFlowUiTest.field;
import static dev.plateau.ui.LiveFlowUiTest.fx;
import static dev.plateau.ui.LiveFlowUiTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.ui.common.Views;
import dev.plateau.ui.load.LoadViewModel;
import dev.plateau.ui.main.Console;
import dev.plateau.ui.main.Page;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Button;
import javafx.scene.control.RadioButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The Load panel's errors: next to the field or the button, one line, never a stack trace. */
@ExtendWith(ApplicationExtension.class)
class LoadPanelUiTest {
    @TempDir
    static Path tmp;
    private Console console;

    @Start
    void start(Stage stage) {
        console = TestConsoles.show(stage, tmp);
    }

    @BeforeEach
    void showLoadTab(FxRobot robot) {
        // after the console has settled on its first page, as a user would click the tab
        robot.interact(() -> console.model().pageProperty().set(Page.LOAD));
    }

    @Stop
    void stop() {
        console.shutdown();
    }

    @Test
    void badValues_areFlaggedAsYouType(FxRobot robot) {
        robot.interact(() -> field(robot, "#requestsField").setText("lots"));
        assertThat(fx(robot, () -> text(robot, "#requestsError"))).isEqualTo("requests: a whole number");
        assertThat(field(robot, "#requestsField").getPseudoClassStates()).contains(Views.INVALID);
        robot.interact(() -> {
            field(robot, "#requestsField").setText("10");
            field(robot, "#delayField").setText("10");
            field(robot, "#rateField").setText("5");
        });
        assertThat(fx(robot, () -> text(robot, "#requestsError"))).isEmpty();
        assertThat(fx(robot, () -> text(robot, "#formError"))).isEqualTo("--delay-ms and --rate: give one of them, not both");
        assertThat(robot.lookup("#fireButton").queryAs(Button.class).isDisabled()).isTrue();
    }

    @Test
    void embeddedTargetWithoutCollector_saysWhatToDo(FxRobot robot) {
        robot.clickOn("#fireButton");
        assertThat(fx(robot, () -> text(robot, "#loadView #error"))).startsWith("the embedded collector is not running");
    }

    @Test
    void refusingTarget_showsOneLineNextToTheButton(FxRobot robot) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        robot.interact(() -> {
            robot.lookup("#urlTarget").queryAs(RadioButton.class).setSelected(true);
            field(robot, "#loadView #urlField").setText("http://127.0.0.1:" + closedPort + "/app");
            field(robot, "#requestsField").setText("5");
            field(robot, "#connectionsField").setText("1");
        });
        robot.clickOn("#fireButton");
        LoadViewModel load = console.model().parts().load();
        await().atMost(Duration.ofSeconds(20)).until(() -> !load.runningProperty().get() && !load.errorProperty().get().isEmpty());
        String error = fx(robot, () -> text(robot, "#loadView #error"));
        assertThat(error).containsIgnoringCase("refused").doesNotContain("Exception").doesNotContain("\n");
    }
}
