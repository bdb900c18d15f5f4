package dev.plateau.ui;

import static dev.plateau.ui.LiveFlowUiTest.fx;
import static dev.plateau.ui.LiveFlowUiTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.events.EventKind;
import dev.plateau.ui.main.Console;
import dev.plateau.ui.main.Page;
import dev.plateau.ui.target.TargetKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The toolbar's Target choice end to end: a command target (the Python sink, a real non-JVM process) launched from
 * the toolbar, its {@code target_rss_bytes} and a scraped series drawn on the Live tab, a run recorded meanwhile
 * holding the target's series, the Connections note, and the target's exit as a {@code WARNING} event and status.
 */
@ExtendWith(ApplicationExtension.class)
class TargetUiTest {
    @TempDir
    static Path tmp;
    private Console console;

    @Start
    void start(Stage stage) {
        console = TestConsoles.show(stage, tmp);
        console.model().pageProperty().set(Page.LIVE);
    }

    @Stop
    void stop() {
        console.shutdown();
    }

    @Test
    @SuppressWarnings("unchecked")
    void launchedCommand_showsItsRssOnLive_recordsItsSeries_andItsExitIsAnEvent(FxRobot robot) throws Exception {
        String sink = Path.of(getClass().getResource("/targets/sink.py").toURI()).toString();
        assertThat(fx(robot, () -> robot.lookup("#targetHeaptrackCheck").queryAs(Node.class).isVisible()))
                .as("heaptrack is for a launched command only").isFalse();
        robot.interact(() -> {
            robot.lookup("#targetKindChoice").queryAs(ComboBox.class).setValue(TargetKind.COMMAND);
            robot.lookup("#targetCommandField").queryAs(TextField.class)
                    .setText("python3 '" + sink + "' {port} keep --die-after 3");
            robot.lookup("#targetMetricsField").queryAs(TextField.class).setText("http://127.0.0.1:{port}/metrics");
        });
        assertThat(fx(robot, () -> robot.lookup("#targetHeaptrackCheck").queryAs(Node.class).isVisible())).isTrue();
        robot.clickOn("#targetStartButton");
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(robot, () -> text(robot, "#targetStatus")).contains("listens on"));

        LineChart<Number, Number> rss = fx(robot, () -> (LineChart<Number, Number>) robot.lookup("#targetCharts")
                .queryAs(Node.class).lookup(".chart"));
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(robot, () -> rss.getData().get(0).getData().size()) > 2);
        assertThat(fx(robot, () -> rss.getData().get(0).getName())).isEqualTo("target_rss_bytes");
        assertThat(fx(robot, () -> rss.getData().get(0).getData().get(0).getYValue().doubleValue()))
                .as("a Python process' RSS in MB").isBetween(1.0, 500.0);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(robot, () ->
                robot.lookup("#targetSeriesChoice").queryAs(ComboBox.class).getValue()), v -> "sink_records_total{name=\"http.0\"}".equals(v));
        assertThat(fx(robot, () -> robot.lookup("#targetConnectionsNote").queryAs(Node.class).isVisible())).isTrue();

        robot.interact(() -> console.model().parts().runs().start());
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(tmp.resolve("runs")) && samples().size() > 3);
        var load = console.model().parts().load();
        robot.interact(() -> {
            load.requestsField().textProperty().set("3");
            load.linesField().textProperty().set("2");
            load.delayMsField().textProperty().set("400");
            load.rateField().textProperty().set("0");
            load.connectionsField().textProperty().set("1");
            assertThat(load.fire()).as(load.errorProperty().get()).isNotNull();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(robot, () -> text(robot, "#targetStatus")).contains("exited with code 7"));
        assertThat(console.events().all()).anyMatch(e -> e.kind() == EventKind.WARNING && e.message().contains("exited with code 7"));
        robot.interact(() -> console.model().parts().runs().stop());
        await().atMost(Duration.ofSeconds(10)).until(() -> !fx(robot, () -> console.model().parts().runs().recordingProperty().get()));
        String header = samples().get(0);
        assertThat(header).as("the console's load generator is recorded with a target").contains("target_rss_bytes",
                "sink_kept_bytes", "load_answered_total");
        assertThat(Files.readAllLines(samplesFile()).stream().mapToDouble(l -> lastKept(header, l)).max().orElse(0))
                .as("the Load tab's burst went to the target: it kept the bodies").isGreaterThan(0);
    }

    private static Path samplesFile() throws Exception {
        try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
            return runs.findFirst().orElseThrow().resolve("samples.csv");
        }
    }

    private static List<String> samples() throws Exception {
        Path f = samplesFile();
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    private static double lastKept(String header, String line) {
        int i = List.of(header.split(",")).indexOf("sink_kept_bytes");
        String[] cells = line.split(",", -1);
        try {
            return Double.parseDouble(cells[i]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return 0;
        }
    }
}
