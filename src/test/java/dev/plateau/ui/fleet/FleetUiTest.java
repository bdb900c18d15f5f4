package dev.plateau.ui.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.fleet.Preset;
import dev.plateau.fleet.PrometheusServer;
import dev.plateau.fleet.SyntheticFleet;
import dev.plateau.runs.RunStore;
import dev.plateau.runs.Verdict;
import dev.plateau.ui.common.BackgroundTasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The Fleet tab over a real Prometheus holding 10 synthetic instances × 6 h: Run fills the table (leaking ones
 * first, in red), selecting rows overlays them, Import as runs writes loadable runs, CSV export works, and a refused
 * port gives one line in red.
 */
@ExtendWith(ApplicationExtension.class)
class FleetUiTest {
    @TempDir
    static Path tmp;
    private static PrometheusServer prometheus;
    private final BackgroundTasks tasks = new BackgroundTasks();
    private FleetViewModel model;
    private FleetView view;

    @BeforeAll
    static void backfill() throws Exception {
        SyntheticFleet fleet = new SyntheticFleet(10, Duration.ofHours(6), Duration.ofMinutes(1), Instant.now().minusSeconds(120));
        fleet.backfill(tmp.resolve("data"), tmp);
        prometheus = PrometheusServer.start(tmp, "global: {scrape_interval: 1m}\nscrape_configs: []\n", tmp.resolve("data"));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Start
    void start(Stage stage) {
        model = new FleetViewModel(tasks, tmp.resolve("runs"));
        FXMLLoader loader = new FXMLLoader(getClass().getResource("/fxml/FleetView.fxml"));
        loader.setControllerFactory(type -> new FleetView(model));
        try {
            Parent root = loader.load();
            root.getStylesheets().add(getClass().getResource("/fxml/plateau.css").toExternalForm());
            view = loader.getController();
            stage.setScene(new Scene(root, 1300, 800));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stage.show();
    }

    @Stop
    void stop() {
        tasks.shutdown(2000);
    }

    @Test
    void runShowsLeakingInstancesFirstInRedAndOverlaysTheSelection(FxRobot robot) throws Exception {
        robot.interact(() -> {
            model.url().set(prometheus.url().toString());
            model.preset().set(null);
            model.memory().set("fleet_memory_bytes");
            model.work().set("fleet_records_total");
            model.by().set("instance");
            model.range().set("6h");
            model.step().set("1m");
            model.importRuns().set(true);
        });
        robot.clickOn("#runButton");
        await().atMost(Duration.ofSeconds(60)).until(() -> model.rows().size() == 10 && !model.runningProperty().get());
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.rows()).filteredOn(r -> r.verdict() == Verdict.GROWING).extracting(r -> r.labels().get("instance"))
                .containsExactly("i0006", "i0001");
        assertThat(model.statusProperty().get()).contains("10 instances, 2 growing");

        AtomicReference<List<String>> verdicts = new AtomicReference<>();
        robot.interact(() -> verdicts.set(view.table().lookupAll(".table-cell").stream()
                .filter(n -> n instanceof TableCell<?, ?> c && c.getItem() instanceof Verdict && c.getStyleClass().contains("verdict-growing"))
                .map(n -> ((Label) ((TableCell<?, ?>) n).getGraphic()).getText()).toList()));
        assertThat(verdicts.get()).containsExactly("growing", "growing");

        robot.interact(() -> view.table().getSelectionModel().selectRange(0, 3));
        AtomicReference<Integer> lines = new AtomicReference<>();
        robot.interact(() -> lines.set(view.overlay().getData().size()));
        assertThat(lines.get()).isEqualTo(3);

        RunStore store = new RunStore(tmp.resolve("runs"));
        assertThat(store.list()).hasSize(10);
        assertThat(store.load(model.rows().get(0).run()).meta().path("source").asText()).isEqualTo("prometheus");

        Path csv = tmp.resolve("fleet.csv");
        robot.interact(() -> model.exportCsv(csv));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.isRegularFile(csv) && Files.readAllLines(csv).size() == 11);
    }

    @Test
    void refusedPortGivesOneLineInRed(FxRobot robot) throws Exception {
        int port = PrometheusServer.freePort();
        robot.interact(() -> {
            model.url().set("http://127.0.0.1:" + port);
            model.preset().set(Preset.PLATEAU);
        });
        robot.clickOn("#runButton");
        await().atMost(Duration.ofSeconds(30)).until(() -> !model.errorProperty().get().isEmpty());
        assertThat(model.errorProperty().get()).doesNotContain("\n")
                .endsWith("cannot reach Prometheus at http://127.0.0.1:" + port + ": connection refused");
        assertThat(model.rows()).isEmpty();
    }
}
