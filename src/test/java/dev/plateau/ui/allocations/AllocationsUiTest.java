package dev.plateau.ui.allocations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.allocations.FixtureRuns;
import dev.plateau.allocations.KeeperHeaptrackTest;
import dev.plateau.ui.common.BackgroundTasks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The Allocations view on real heaptrack data: stock vs shrink-patched Fluent Bit (heaptrack_print outputs recorded
 * here) side by side mark the session-buffer site "gone in B"; a run recorded now under heaptrack (the C keeper)
 * shows its keeping function on top.
 */
@ExtendWith(ApplicationExtension.class)
class AllocationsUiTest {
    @TempDir
    static Path runs;
    private final BackgroundTasks tasks = new BackgroundTasks();
    private AllocationsViewModel model;
    private AllocationsView view;

    @Start
    void start(Stage stage) throws Exception {
        model = new AllocationsViewModel(runs, tasks);
        FXMLLoader loader = new FXMLLoader(Objects.requireNonNull(getClass().getResource("/fxml/AllocationsView.fxml")));
        loader.setControllerFactory(type -> new AllocationsView(model));
        Parent root = loader.load();
        view = loader.getController();
        stage.setScene(new Scene(root, 1400, 800));
        stage.show();
    }

    @Stop
    void stop() {
        tasks.shutdown(1000);
    }

    @Test
    void stockAndShrink_sideBySide_sessionBufferSiteIsGoneInB(FxRobot robot) throws Exception {
        Path stock = FixtureRuns.create(runs, "fb-stock-held");
        Path shrink = FixtureRuns.create(runs, "fb-shrink-held");

        robot.interact(() -> view.show(stock, shrink));
        await().atMost(Duration.ofSeconds(10)).until(() -> !model.a().rows().isEmpty() && !model.b().rows().isEmpty()
                && !model.a().rows().get(0).other().isEmpty());

        SiteRow top = model.a().rows().get(0);
        assertThat(top.function()).isEqualTo("flb_http_server_session_ingest");
        assertThat(top.other()).isEqualTo("gone in B");
        assertThat(model.b().rows()).noneMatch(r -> r.function().equals("flb_http_server_session_ingest")
                && r.site().heldBytes() > 5_000_000);
        assertThat(robot.lookup(".table-cell").queryAllAs(Labeled.class)).anyMatch(c -> "gone in B".equals(c.getText()));
        robot.interact(() -> view.tableA().getSelectionModel().select(0));
        assertThat(model.a().stackProperty().get()).startsWith("flb_http_server_session_ingest at ").contains("    cfl_sds_increase (");
        assertThat(view.flameA().drawn).isGreaterThan(3);
    }

    @Test
    void recordedUnderHeaptrack_showsTheKeepingFunctionOnTop(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path dir = runs.resolve("keeper");
        KeeperHeaptrackTest.record(tmp, dir);

        robot.interact(() -> {
            model.refreshRuns();
            view.show(dir, null);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !model.a().rows().isEmpty());

        assertThat(model.a().rows().get(0).function()).isEqualTo("keep_connection_buffer");
        assertThat(model.runs()).contains(dir);
        assertThat(model.a().headlineProperty().get()).contains("live heap").contains("of RSS");
        Curves c = model.a().curvesProperty().get();
        assertThat(c.siteName()).isEqualTo("keep_connection_buffer");
        assertThat(c.rss()).isNotEmpty();
        assertThat(c.heap()).isNotEmpty();
        assertThat(c.site().get(c.site().size() - 1)[1]).isCloseTo(4.72, org.assertj.core.data.Offset.offset(0.01));
        assertThat(robot.lookup(".chart-series-line").queryAll()).hasSizeGreaterThanOrEqualTo(3);
    }
}
