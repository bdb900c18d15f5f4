package dev.plateau.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.collector.ConnectionSnapshot;
import dev.plateau.events.EventLog;
import dev.plateau.runs.RunInfo;
import dev.plateau.runs.RunRecorder;
import dev.plateau.runs.RunStats;
import dev.plateau.runs.Verdict;
import dev.plateau.telemetry.Sample;
import dev.plateau.telemetry.Sampler;
import dev.plateau.ui.compare.CompareViewModel;
import dev.plateau.ui.main.Console;
import dev.plateau.ui.main.Page;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * Two recorded runs — one whose connection buffers grow with every request, one that stays flat — selected in the
 * Compare tab: the overlay shows both, the table gives "growing" in red and "plateau" in green, export writes CSV.
 */
@ExtendWith(ApplicationExtension.class)
class CompareUiTest {
    @TempDir
    static Path tmp;
    private Console console;

    @BeforeAll
    static void recordTwoRuns() throws Exception {
        record("before", i -> 1_000_000L + i * 50_000L);
        record("after", i -> 1_000_000L + (i % 3) * 100L);
    }

    private static void record(String label, java.util.function.LongUnaryOperator buffer) throws Exception {
        EventLog events = new EventLog();
        RunRecorder recorder = new RunRecorder(tmp.resolve("runs"), label, new Sampler(() -> null), events);
        recorder.start();
        for (int i = 0; i < 80; i++) {
            long b = buffer.applyAsLong(i);
            recorder.append(new Sample(Samples.T0 + i * 250L, i * 0.25, 50_000_000 + b, 1, 1, 1, 1, b, b, b, 8192,
                    i, i * 8192L, i * 10L, i * 10L, 0, 0, i * 100L, i * 100L, 0, i * 11_000L, 0, 0, 0, false, false, 0,
                    -1, List.<ConnectionSnapshot>of()));
        }
        recorder.finish();
    }

    @Start
    void start(Stage stage) {
        console = TestConsoles.show(stage, tmp);
    }

    @Stop
    void stop() {
        console.shutdown();
    }

    @Test
    void twoRuns_showVerdictsColouredAndExportAsCsv(FxRobot robot) throws Exception {
        CompareViewModel compare = console.model().parts().compare();
        robot.interact(() -> console.model().pageProperty().set(Page.COMPARE));
        await().atMost(Duration.ofSeconds(10)).until(() -> compare.runs().size() == 2);
        robot.interact(() -> compare.selected().setAll(List.copyOf(compare.runs())));
        await().atMost(Duration.ofSeconds(10)).until(() -> compare.statsProperty().get().size() == 2);

        List<RunStats> stats = compare.statsProperty().get();
        assertThat(stats).filteredOn(s -> s.run().equals("before")).extracting(RunStats::verdict).containsExactly(Verdict.GROWING);
        assertThat(stats).filteredOn(s -> s.run().equals("after")).extracting(RunStats::verdict).containsExactly(Verdict.PLATEAU);

        AtomicReference<List<String>> styles = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            robot.interact(() -> styles.set(verdictCellStyles(console.view().compareView().statsTable())));
            return styles.get().size() == 2;
        });
        assertThat(styles.get()).containsExactlyInAnyOrder("growing:verdict-growing", "plateau:verdict-plateau");
        AtomicReference<Integer> lines = new AtomicReference<>();
        robot.interact(() -> lines.set(console.view().compareView().overlayChart().getData().size()));
        assertThat(lines.get()).isEqualTo(2);
        AtomicReference<Integer> selectedInList = new AtomicReference<>();
        robot.interact(() -> selectedInList.set(robot.lookup("#runList").queryListView().getSelectionModel().getSelectedItems().size()));
        assertThat(selectedInList.get()).isEqualTo(2);

        Path out = tmp.resolve("export");
        robot.interact(() -> compare.exportCsv(out));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.isDirectory(out) && Files.list(out).count() == 2);
        Path table = Files.list(out).filter(p -> p.getFileName().toString().startsWith("compare-")).findFirst().orElseThrow();
        try (Reader r = Files.newBufferedReader(table)) {
            List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
            assertThat(rows).extracting(x -> x.get("verdict")).containsExactlyInAnyOrder("growing", "plateau");
        }
    }

    @Test
    void alignmentByElapsed_keepsTheVerdictsAndRelabelsTheAxis(FxRobot robot) {
        CompareViewModel compare = console.model().parts().compare();
        await().atMost(Duration.ofSeconds(10)).until(() -> compare.runs().size() == 2);
        robot.interact(() -> {
            compare.selected().setAll(List.copyOf(compare.runs()));
            compare.alignmentProperty().set(dev.plateau.runs.Alignment.ELAPSED);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> compare.comparisonProperty().get() != null
                && compare.comparisonProperty().get().alignment() == dev.plateau.runs.Alignment.ELAPSED);
        AtomicReference<String> label = new AtomicReference<>();
        robot.interact(() -> label.set(console.view().compareView().overlayChart().getXAxis().getLabel()));
        assertThat(label.get()).isEqualTo("elapsed since the run started");
        assertThat(compare.overlayProperty().get()).hasSize(2);
        for (RunInfo r : compare.runs()) {
            assertThat(r.finished()).isTrue();
        }
    }

    /** The overlay zooms like the Live charts: drag a range, the crosshair reads both runs, double-click resets. */
    @Test
    void overlayDragZooms_crosshairReadsBothRuns_doubleClickResets(FxRobot robot) {
        CompareViewModel compare = console.model().parts().compare();
        robot.interact(() -> console.model().pageProperty().set(Page.COMPARE));
        await().atMost(Duration.ofSeconds(10)).until(() -> compare.runs().size() == 2);
        robot.interact(() -> compare.selected().setAll(List.copyOf(compare.runs())));
        var chart = console.view().compareView().overlayChart();
        await().atMost(Duration.ofSeconds(10)).until(() -> LiveFlowUiTest.fx(robot, () -> chart.getData().size() == 2
                && chart.getData().get(0).getData().size() > 10));
        double[] before = LiveFlowUiTest.fx(robot, () -> xBounds(chart));
        Bounds plot = LiveFlowUiTest.fx(robot, () -> {
            Node area = chart.lookup(".chart-plot-background");
            return area.localToScreen(area.getLayoutBounds());
        });
        double y = plot.getMinY() + plot.getHeight() / 2;
        robot.moveTo(new Point2D(plot.getMinX() + plot.getWidth() * 0.3, y));
        robot.press(MouseButton.PRIMARY);
        robot.moveTo(new Point2D(plot.getMinX() + plot.getWidth() * 0.7, y));
        robot.release(MouseButton.PRIMARY);

        double[] zoomed = LiveFlowUiTest.fx(robot, () -> xBounds(chart));
        assertThat(zoomed[0]).isGreaterThan(before[0]);
        assertThat(zoomed[1] - zoomed[0]).isLessThan((before[1] - before[0]) * 0.6);
        assertThat(LiveFlowUiTest.fx(robot, chart::getTitle)).endsWith("zoomed (double-click or Esc: all)");
        List<String> readout = LiveFlowUiTest.fx(robot, () -> chart.lookupAll(".crosshair-readout").stream()
                .filter(Node::isVisible).map(n -> ((Label) n).getText()).toList());
        assertThat(readout).singleElement().satisfies(t -> assertThat(t).contains("requests", "before", "after"));
        // moving on redraws the readout: its skin's text follows (an unmanaged label of the same size once kept the old text)
        for (double at : new double[] {0.5, 0.8}) {
            robot.moveTo(new Point2D(plot.getMinX() + plot.getWidth() * at, y));
            double expected = zoomed[0] + (zoomed[1] - zoomed[0]) * at;
            String drawn = LiveFlowUiTest.fx(robot, () -> chart.lookupAll(".crosshair-readout").stream()
                    .map(n -> ((javafx.scene.text.Text) n.lookup(".text")).getText()).findFirst().orElseThrow());
            double shown = Double.parseDouble(drawn.lines().findFirst().orElseThrow().replace(" requests", "").replace(",", ""));
            assertThat(shown).as(drawn).isCloseTo(expected, org.assertj.core.data.Offset.offset((zoomed[1] - zoomed[0]) * 0.05));
        }

        robot.doubleClickOn(new Point2D(plot.getMinX() + plot.getWidth() / 2, y), MouseButton.PRIMARY);
        await().atMost(Duration.ofSeconds(5)).until(() -> LiveFlowUiTest.fx(robot, () -> xBounds(chart))[1]
                - LiveFlowUiTest.fx(robot, () -> xBounds(chart))[0] >= (before[1] - before[0]) * 0.99);
        assertThat(LiveFlowUiTest.fx(robot, chart::getTitle)).doesNotContain("zoomed");
    }

    private static double[] xBounds(javafx.scene.chart.XYChart<Number, Number> chart) {
        NumberAxis x = (NumberAxis) chart.getXAxis();
        return new double[] {x.getLowerBound(), x.getUpperBound()};
    }

    private static List<String> verdictCellStyles(TableView<RunStats> table) {
        return table.lookupAll(".table-cell").stream()
                .filter(n -> n instanceof TableCell<?, ?> c && c.getItem() != null && "verdictColumn".equals(c.getTableColumn().getId()))
                .map(n -> (TableCell<?, ?>) n)
                .map(c -> c.getText() + ":" + c.getStyleClass().stream().filter(s -> s.startsWith("verdict-")).findFirst().orElse("none"))
                .toList();
    }
}
