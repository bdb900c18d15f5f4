package dev.plateau.ui;

import static dev.plateau.ui.LiveFlowUiTest.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.ui.live.LiveView;
import dev.plateau.ui.live.MarkedLineChart;
import dev.plateau.ui.main.Console;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** Drag to zoom on one time chart and every time chart follows; double-click resets; the crosshair reads values. */
@ExtendWith(ApplicationExtension.class)
class ChartZoomUiTest {
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

    private double[] bounds(FxRobot robot, MarkedLineChart chart) {
        return fx(robot, () -> new double[] {((NumberAxis) chart.getXAxis()).getLowerBound(),
                ((NumberAxis) chart.getXAxis()).getUpperBound()});
    }

    @Test
    void dragZoomsEveryTimeChart_doubleClickFollowsTheWindowAgain_crosshairReadsEverySeries(FxRobot robot) {
        LiveView live = console.view().liveView();
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(robot, () -> live.memoryChart().getData().stream()
                .anyMatch(s -> s.getData().size() >= 8)));
        // no connection is open yet: the bar chart says so on a 0–1 MB axis (not an auto-ranged 0–110 B one)
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(robot, () -> live.connectionsChart().getTitle())
                .endsWith(" — no connection open"));
        assertThat(fx(robot, () -> ((NumberAxis) live.connectionsChart().getYAxis()).getUpperBound())).isEqualTo(1_000_000.0);
        double[] before = bounds(robot, live.memoryChart());
        Bounds plot = fx(robot, () -> {
            Node area = live.memoryChart().lookup(".chart-plot-background");
            return area.localToScreen(area.getLayoutBounds());
        });
        double y = plot.getMinY() + plot.getHeight() / 2;
        robot.moveTo(new Point2D(plot.getMinX() + plot.getWidth() * 0.2, y));
        robot.press(MouseButton.PRIMARY);
        robot.moveTo(new Point2D(plot.getMinX() + plot.getWidth() * 0.6, y));
        robot.release(MouseButton.PRIMARY);

        double[] zoomed = bounds(robot, live.memoryChart());
        assertThat(zoomed[0]).isGreaterThan(before[0]);
        assertThat(zoomed[1] - zoomed[0]).isLessThan((before[1] - before[0]) * 0.75);
        assertThat(bounds(robot, live.buffersChart())).containsExactly(zoomed);
        List<Label> readouts = fx(robot, () -> live.memoryChart().lookupAll(".crosshair-readout").stream()
                .map(n -> (Label) n).filter(Node::isVisible).toList());
        assertThat(readouts).singleElement().satisfies(l -> assertThat(l.getText()).contains("RSS"));

        robot.doubleClickOn(new Point2D(plot.getMinX() + plot.getWidth() / 2, y), MouseButton.PRIMARY);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            double[] now = bounds(robot, live.memoryChart());
            return now[1] - now[0] > (zoomed[1] - zoomed[0]) * 1.5;
        });
    }
}
