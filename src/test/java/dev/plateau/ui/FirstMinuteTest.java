package dev.plateau.ui;

import static dev.plateau.ui.LiveFlowUiTest.fx;
import static dev.plateau.ui.LiveFlowUiTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.load.PayloadGenerator;
import dev.plateau.ui.live.LiveView;
import dev.plateau.ui.load.LoadViewModel;
import dev.plateau.ui.load.Preset;
import dev.plateau.ui.main.Console;
import dev.plateau.ui.main.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The README's "What you see in the first minute", step by step, in the real window: ▶ Start, the Load tab's
 * Balloon preset as shipped, Fire burst, wait for the end, Shrink, One more request. The figures come from the
 * running collector's buffer rules (chunk size, the Balloon body), not from literals, so they follow the default
 * profile: with the legacy model a connection's buffer grows a chunk at a time until the request fits and stays
 * that size; with shrink on it goes back to one chunk after the connection's next request.
 */
@ExtendWith(ApplicationExtension.class)
class FirstMinuteTest {
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
    void balloonBurst_buffersStayUpUntilShrinkAndTheNextRequest(FxRobot robot) {
        robot.clickOn("#startButton");
        await().atMost(Duration.ofSeconds(15)).until(() -> fx(robot, () -> text(robot, "#collectorStatus"))
                .matches("listening on 127\\.0\\.0\\.1:\\d+"));
        CollectorConfig config = console.model().parts().collector().current().config();
        assumeThat(config.bufferModel()).as("figures below are the legacy chunk model's").isEqualTo("legacy");
        long chunk = config.bufferChunkSize();
        long body = PayloadGenerator.jsonArray(Preset.BALLOON.lines, PayloadGenerator.DEFAULT_SEED).length;
        long held = (body + chunk - 1) / chunk * chunk;

        robot.interact(() -> console.model().pageProperty().set(Page.LOAD));
        LoadViewModel load = console.model().parts().load();
        assertThat(load.presetProperty().get()).isEqualTo(Preset.BALLOON);
        robot.clickOn("#fireButton");
        robot.interact(() -> console.model().pageProperty().set(Page.LIVE));
        // 167 MB of JSON through the collector under paranoid leak detection: seconds on a quiet machine, minutes on a busy one
        await().atMost(Duration.ofSeconds(240)).until(() -> !load.runningProperty().get());
        assertThat(load.errorProperty().get()).isEmpty();
        assertThat(load.lastReportProperty().get()).contains("201×" + Preset.BALLOON.requests);

        await().atMost(Duration.ofSeconds(5)).until(() -> bars(robot, LiveView.CAPACITY).size() == Preset.BALLOON.connections);
        assertThat(bars(robot, LiveView.CAPACITY)).as("after the burst, with connections held").containsOnly(held);
        assertThat(held).isEqualTo(4 * chunk);

        robot.clickOn("#shrinkToggle");
        robot.interact(() -> console.model().pageProperty().set(Page.LOAD));
        robot.clickOn("#oneMoreButton");
        robot.interact(() -> console.model().pageProperty().set(Page.LIVE));
        await().atMost(Duration.ofSeconds(10)).until(() -> bars(robot, LiveView.CAPACITY).contains(chunk));
        List<Long> now = bars(robot, LiveView.CAPACITY);
        assertThat(now).containsOnlyOnce(chunk);
        assertThat(now.stream().filter(b -> b == held)).hasSize(Preset.BALLOON.connections - 1);
        assertThat(bars(robot, LiveView.HIGH_WATER)).containsOnly(held);
    }

    private List<Long> bars(FxRobot robot, String series) {
        return fx(robot, () -> console.view().liveView().connectionsChart().getData().stream()
                .filter(s -> s.getName().equals(series))
                .flatMap(s -> s.getData().stream())
                .map(d -> d.getYValue().longValue())
                .toList());
    }
}
