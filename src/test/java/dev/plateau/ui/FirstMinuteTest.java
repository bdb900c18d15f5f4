package dev.plateau.ui;

import static dev.plateau.ui.LiveFlowUiTest.fx;
import static dev.plateau.ui.LiveFlowUiTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.collector.BufferModel;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.http.ConnectionBuffer;
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
 * running collector's configuration (buffer model, chunk size, idle timeout) and the Balloon body, not from literals,
 * so they follow whichever default profile is in force: see {@link Figures}. With shrink on a buffer goes back to its
 * start size after the connection's next request; an idle timeout, if the profile sets one, then closes them all.
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
        long body = PayloadGenerator.jsonArray(Preset.BALLOON.lines, PayloadGenerator.DEFAULT_SEED).length;
        Figures expect = Figures.of(config, body);

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
        List<Long> after = bars(robot, LiveView.CAPACITY);
        assertThat(after).as("after the burst, with connections held: all the same size").containsOnly(after.get(0));
        long held = after.get(0);
        assertThat(held).as("a held buffer under %s", expect).isBetween(expect.heldMin(), expect.heldMax());

        robot.clickOn("#shrinkToggle");
        robot.interact(() -> console.model().pageProperty().set(Page.LOAD));
        robot.clickOn("#oneMoreButton");
        robot.interact(() -> console.model().pageProperty().set(Page.LIVE));
        await().atMost(Duration.ofSeconds(10)).until(() -> bars(robot, LiveView.CAPACITY).contains(expect.initial()));
        List<Long> now = bars(robot, LiveView.CAPACITY);
        assertThat(now).containsOnlyOnce(expect.initial());
        assertThat(now.stream().filter(b -> b == held)).hasSize(Preset.BALLOON.connections - 1);
        assertThat(bars(robot, LiveView.HIGH_WATER)).containsOnly(held);

        Duration idle = console.model().parts().collector().current().policies().idleTimeout();
        if (!idle.isZero()) {
            // a profile with an idle timeout (fluent-bit-5.1: 10 s) closes the held connections: their bars go
            await().atMost(idle.plusSeconds(15)).until(() -> bars(robot, LiveView.CAPACITY).isEmpty());
        }
    }

    /**
     * What the README's steps show under the running collector's buffer model: {@code legacy} starts at one chunk and
     * grows a chunk at a time (the Balloon body ends in exactly 4 chunks of 512 KB); {@code v5} starts at 10 KiB and
     * grows to exactly the request (re-encoded head, under 10 KiB, plus the body). Shrink goes back to the start size.
     */
    private record Figures(BufferModel model, long initial, long heldMin, long heldMax) {
        static Figures of(CollectorConfig config, long body) {
            long chunk = config.bufferChunkSize();
            if (config.bufferModel() == BufferModel.LEGACY) {
                long held = (body + chunk - 1) / chunk * chunk;
                return new Figures(BufferModel.LEGACY, chunk, held, held);
            }
            long initial = Math.min(ConnectionBuffer.V5_INITIAL, config.bufferMaxSize());
            return new Figures(BufferModel.V5, initial, body, body + initial);
        }
    }

    private List<Long> bars(FxRobot robot, String series) {
        return fx(robot, () -> console.view().liveView().connectionsChart().getData().stream()
                .filter(s -> s.getName().equals(series))
                .flatMap(s -> s.getData().stream())
                .map(d -> d.getYValue().longValue())
                .toList());
    }
}
