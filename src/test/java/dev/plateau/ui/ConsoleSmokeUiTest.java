package dev.plateau.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static dev.plateau.ui.LiveFlowUiTest.fx;
import static org.awaitility.Awaitility.await;

import dev.plateau.events.EventKind;
import dev.plateau.ui.common.Views;
import dev.plateau.ui.compare.CompareViewModel;
import dev.plateau.ui.live.LiveFrame;
import dev.plateau.ui.live.LiveView;
import dev.plateau.ui.live.LiveViewModel;
import dev.plateau.ui.live.MarkedLineChart;
import dev.plateau.ui.main.CollectorViewModel;
import dev.plateau.ui.main.Console;
import dev.plateau.ui.main.Page;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.shape.Line;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The window as a person sees it before any collector runs: real samples of this JVM fill the Memory chart. */
@ExtendWith(ApplicationExtension.class)
class ConsoleSmokeUiTest {
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
    void memoryChart_fillsWithThisProcessRss(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> rssPoints(robot) >= 3);
        AtomicReference<String> rssStatus = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            robot.interact(() -> rssStatus.set(robot.lookup("#rssLabel").queryAs(Label.class).getText()));
            return rssStatus.get().matches("RSS \\d.* (MB|GB)");
        });
        assertThat(robot.lookup("#collectorStatus").queryAs(Label.class).getText()).startsWith("stopped");
    }

    @Test
    void portField_showsTheMessageWhileInvalid(FxRobot robot) {
        TextField port = robot.lookup("#portField").queryAs(TextField.class);
        Label error = robot.lookup("#addressError").queryAs(Label.class);
        robot.interact(() -> port.setText("99999"));
        assertThat(error.getText()).isEqualTo("port: must be 0-65535, was 99999");
        assertThat(port.getPseudoClassStates()).contains(Views.INVALID);
        robot.interact(() -> port.setText("0"));
        assertThat(error.getText()).isEmpty();
        assertThat(port.getPseudoClassStates()).doesNotContain(Views.INVALID);
    }

    @Test
    void idleTimeoutSpinner_rejectsTextAndAppliesNumbers(FxRobot robot) {
        @SuppressWarnings("unchecked")
        Spinner<Integer> spinner = robot.lookup("#idleSpinner").queryAs(Spinner.class);
        int before = console.model().parts().collector().idleTimeoutSecondsProperty().get();
        robot.interact(() -> {
            spinner.getEditor().setText("ten");
            spinner.commitValue();
        });
        assertThat(spinner.getEditor().getPseudoClassStates()).contains(Views.INVALID);
        assertThat(console.model().parts().collector().idleTimeoutSecondsProperty().get()).isEqualTo(before);
        robot.interact(() -> {
            spinner.getEditor().setText("7");
            spinner.commitValue();
        });
        assertThat(console.model().parts().collector().idleTimeoutSecondsProperty().get()).isEqualTo(7);
        assertThat(console.model().parts().collector().config().idleTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void watchingAPid_drawsItsRssBesideOurs_unknownPidIsAMessage(FxRobot robot) {
        TextField pid = robot.lookup("#pidField").queryAs(TextField.class);
        robot.interact(() -> pid.setText("2147483646"));
        robot.clickOn("#watchToggle");
        assertThat(robot.lookup("#watchStatus").queryAs(Label.class).getText()).isEqualTo("no process with PID 2147483646");
        assertThat(robot.lookup("#watchStatus").queryAs(Label.class).getPseudoClassStates()).contains(Views.ERROR);

        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        robot.interact(() -> pid.setText(Long.toString(parent)));
        robot.clickOn("#watchToggle");
        assertThat(robot.lookup("#watchStatus").queryAs(Label.class).getText()).isEqualTo("watching pid " + parent);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            AtomicReference<Boolean> drawn = new AtomicReference<>(false);
            robot.interact(() -> drawn.set(console.view().liveView().watchedChart().isVisible()
                    && console.view().liveView().memoryChart().getData().stream().noneMatch(s -> s.getName().equals(LiveViewModel.WATCHED))
                    && console.view().liveView().watchedChart().getData().stream()
                    .anyMatch(s -> s.getName().equals(LiveViewModel.WATCHED) && !s.getData().isEmpty()
                            && s.getData().get(s.getData().size() - 1).getYValue().longValue() > 1_000_000)));
            return drawn.get();
        });
    }

    @Test
    void newRunTwice_bothRunsAreSelectedInCompareWithAVerdict(FxRobot robot) {
        CompareViewModel compare = console.model().parts().compare();
        for (String label : List.of("first", "second")) {
            robot.interact(() -> robot.lookup("#runLabelField").queryAs(TextField.class).setText(label));
            robot.clickOn("#recordToggle");
            assertThat(robot.lookup("#runStatus").queryAs(Label.class).getText()).startsWith("recording ").endsWith("-" + label);
            long until = console.sampler().ring().addedTotal() + 8;
            await().atMost(Duration.ofSeconds(10)).until(() -> console.sampler().ring().addedTotal() >= until);
            robot.clickOn("#recordToggle");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                AtomicReference<String> status = new AtomicReference<>();
                robot.interact(() -> status.set(robot.lookup("#runStatus").queryAs(Label.class).getText()));
                return status.get().startsWith("saved ") && status.get().endsWith("-" + label);
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> compare.statsProperty().get().size() == 2);
        assertThat(compare.selected()).extracting(r -> r.label()).containsExactlyInAnyOrder("first", "second");
        assertThat(compare.statsProperty().get()).allSatisfy(s -> assertThat(s.verdict()).isNotNull());
        assertThat(compare.statsProperty().get()).allSatisfy(s -> assertThat(s.samples()).isGreaterThanOrEqualTo(8));
    }

    @Test
    void openFluentBitConfig_fillsTheFieldsOrSaysWhichLineIsWrong(FxRobot robot) throws Exception {
        CollectorViewModel c = console.model().parts().collector();
        robot.interact(() -> c.loadConfig(Path.of("samples", "fluent-bit.conf")));
        await().atMost(Duration.ofSeconds(10)).until(() -> c.statusProperty().get().startsWith("loaded fluent-bit.conf"));
        assertThat(c.base().bufferChunkSize()).isEqualTo(1_000_000);
        assertThat(c.base().bufferMaxSize()).isEqualTo(8_000_000);
        assertThat(robot.lookup("#portField").queryAs(TextField.class).getText()).isEqualTo("9880");
        assertThat(c.statusErrorProperty().get()).isFalse();

        Path bad = tmp.resolve("bad.conf");
        Files.writeString(bad, "[INPUT]\n    Name http\n    Buffer_Chunk_Size lots\n");
        robot.interact(() -> c.loadConfig(bad));
        await().atMost(Duration.ofSeconds(10)).until(() -> c.statusErrorProperty().get());
        assertThat(c.statusProperty().get()).contains("bad.conf").contains("3").doesNotContain("Exception");
        assertThat(robot.lookup("#collectorStatus").queryAs(Label.class).getPseudoClassStates()).contains(Views.ERROR);
    }

    @Test
    void savePng_writesTheVisibleTabNowAtLeastAtWindowSize(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> rssPoints(robot) >= 2);
        double windowWidth = fx(robot, () -> console.view().liveView().chartsNode().getScene().getWidth());
        BufferedImage live = savePng(robot, tmp.resolve("charts.png"));
        assertThat(live.getWidth()).isGreaterThanOrEqualTo((int) windowWidth);
        assertThat(live.getHeight()).isGreaterThan(400);
        assertThat(console.model().jobMessageProperty().get()).startsWith("saved ");

        robot.interact(() -> console.model().pageProperty().set(Page.COMPARE));
        assertThat(fx(robot, () -> console.view().visibleTab() == console.view().compareView().content())).isTrue();
        BufferedImage compare = savePng(robot, tmp.resolve("compare.png"));
        assertThat(compare.getWidth()).isGreaterThanOrEqualTo((int) windowWidth);
        assertThat((double) compare.getHeight() / compare.getWidth())
                .isNotCloseTo((double) live.getHeight() / live.getWidth(), offset(0.02));
    }

    private BufferedImage savePng(FxRobot robot, Path png) throws Exception {
        robot.interact(() -> console.view().savePngTo(png));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(png) && Files.size(png) > 1000
                && !console.model().jobRunningProperty().get());
        return ImageIO.read(png.toFile());
    }

    @Test
    void closeMarkers_mergeIntoOneLabelListingThemAndNoLabelsOverlap(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> rssPoints(robot) >= 3);
        console.events().emit(EventKind.POLICY, "shrink on");
        console.events().emit(EventKind.POLICY, "reinit on");
        console.events().emit(EventKind.POLICY, "idle_timeout 5s");
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            AtomicReference<Boolean> ok = new AtomicReference<>(false);
            robot.interact(() -> {
                MarkedLineChart chart = console.view().liveView().memoryChart();
                List<Label> labels = chart.markerLabels();
                boolean merged = labels.stream().anyMatch(l -> l.getText().equals("3 events")
                        && l.getTooltip().getText().contains("reinit on") && l.getTooltip().getText().contains("idle_timeout 5s"));
                boolean apart = true;
                for (int i = 0; i < labels.size(); i++) {
                    for (int j = i + 1; j < labels.size(); j++) {
                        apart &= !labels.get(i).getBoundsInParent().intersects(labels.get(j).getBoundsInParent());
                    }
                }
                ok.set(merged && apart);
            });
            return ok.get();
        });
    }

    @Test
    void policySwitch_isDrawnAsALabelledMarkerOnEveryTimeChart(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> rssPoints(robot) >= 3);
        console.events().emit(EventKind.POLICY, "shrink on");
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            AtomicReference<Boolean> ok = new AtomicReference<>(false);
            robot.interact(() -> {
                LiveView live = console.view().liveView();
                boolean all = true;
                for (MarkedLineChart chart : List.of(live.memoryChart(), live.buffersChart())) {
                    all &= chart.markerLabels().stream().anyMatch(l -> l.getText().equals("shrink on") && l.isVisible());
                    for (Line line : chart.markerLines()) {
                        double x = line.getStartX();
                        all &= x >= 0 && x <= chart.getXAxis().getWidth() && line.getEndY() > 50;
                    }
                }
                ok.set(all);
            });
            return ok.get();
        });
    }

    @Test
    void aFrameReachesEveryChartOnePerPulseAndTheStaggerStopsBetweenFrames(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> rssPoints(robot) >= 2);
        AtomicReference<int[]> seen = new AtomicReference<>(new int[2]);
        // sample the drawing flag on many FX events: it is on right after a frame and off again before the next
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            robot.interact(() -> {
                int[] s = seen.get();
                s[console.view().liveView().drawing() ? 1 : 0]++;
            });
            return seen.get()[0] > 5 && seen.get()[1] > 0;
        });
        AtomicReference<Integer> rss = new AtomicReference<>(0);
        AtomicReference<Integer> frameRss = new AtomicReference<>(-1);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            robot.interact(() -> {
                if (!console.view().liveView().drawing()) {
                    LiveFrame f = console.model().parts().live().frameProperty().get();
                    frameRss.set(f.memory().stream().filter(s -> s.name().equals(LiveViewModel.RSS))
                            .mapToInt(s -> s.x().length).sum());
                    rss.set(console.view().liveView().memoryChart().getData().stream()
                            .filter(s -> s.getName().equals(LiveViewModel.RSS)).mapToInt(s -> s.getData().size()).sum());
                }
            });
            return rss.get().equals(frameRss.get());
        });
    }

    @Test
    void shutdown_leavesNoNonDaemonThreadsOfOurs(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> rssPoints(robot) >= 2);
        console.shutdown();
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .noneMatch(t -> t.getName().startsWith("plateau") || t.getName().contains("nioEventLoop")
                        || t.getName().contains("ioEventLoop")));
        assertThat(console.sampler().isRunning()).isFalse();
    }

    private int rssPoints(FxRobot robot) {
        AtomicReference<Integer> n = new AtomicReference<>(0);
        robot.interact(() -> {
            for (XYChart.Series<Number, Number> s : console.view().liveView().memoryChart().getData()) {
                if (s.getName().equals(LiveViewModel.RSS)) {
                    n.set(s.getData().size());
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        return n.get();
    }
}
