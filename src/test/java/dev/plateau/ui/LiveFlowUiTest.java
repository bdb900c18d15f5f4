package dev.plateau.ui;

import dev.plateau.collector.Profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.ui.common.Views;
import dev.plateau.ui.connections.ConnectionsViewModel;
import dev.plateau.ui.live.LiveView;
import dev.plateau.ui.live.LiveViewModel;
import dev.plateau.ui.live.MarkedLineChart;
import dev.plateau.ui.load.LoadViewModel;
import dev.plateau.ui.main.Console;
import dev.plateau.ui.main.Page;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * What the operator does in the first minute, on the real collector: Start from the toolbar, fire a burst from the
 * Load panel, watch the charts and the connections table fill, switch Shrink on and see a connection's bar fall
 * back to one chunk after its next request, export CSV. Port 0 everywhere (tests run in parallel on this machine).
 */
@ExtendWith(ApplicationExtension.class)
class LiveFlowUiTest {
    private static final long CHUNK = 512_000;
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
    void burstFillsChartsAndTable_shrinkBringsTheBarBackToOneChunk_exportWritesRows(FxRobot robot) throws Exception {
        // chunk-sized buffers (Fluent Bit 4), so "one chunk" is the buffer_chunk_size the bars are measured against
        robot.interact(() -> console.model().parts().collector().profileProperty().set(Profile.FLUENT_BIT_4));
        robot.clickOn("#startButton");
        await().atMost(Duration.ofSeconds(15)).until(() -> fx(robot, () -> text(robot, "#collectorStatus"))
                .matches("listening on 127\\.0\\.0\\.1:\\d+"));

        robot.interact(() -> console.model().pageProperty().set(Page.LOAD));
        // the burst sends until the test cancels it: the table and shrink checks below need it still sending,
        // however long a busy machine takes to get there (a fixed 60 requests could end first)
        robot.interact(() -> {
            field(robot, "#requestsField").setText("100000");
            field(robot, "#connectionsField").setText("2");
            field(robot, "#delayField").setText("150");
            field(robot, "#linesField").setText("1500");
        });
        assertThat(fx(robot, () -> text(robot, "#formError"))).isEmpty();
        robot.clickOn("#fireButton");
        robot.interact(() -> console.model().pageProperty().set(Page.LIVE));

        await().atMost(Duration.ofSeconds(20)).until(() -> fx(robot, () -> maxBar(LiveView.CAPACITY)) > 2 * CHUNK);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(robot, () -> maxY(console.view().liveView().buffersChart(),
                LiveViewModel.BUFFER_TOTAL)) > 2 * CHUNK);

        robot.interact(() -> console.model().pageProperty().set(Page.CONNECTIONS));
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(robot,
                () -> robot.lookup("#connectionsTable").queryTableView().getItems().size()) == 2);
        // the selection survives refreshes while the rows change (the burst is still sending)
        TableView<ConnectionsViewModel.Row> table = console.view().connectionsView().table();
        robot.interact(() -> table.getSelectionModel().select(1));
        ConnectionsViewModel.Row picked = fx(robot, () -> table.getSelectionModel().getSelectedItem());
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(robot, () -> {
            ConnectionsViewModel.Row now = table.getSelectionModel().getSelectedItem();
            return now != null && now.id() == picked.id() && !now.equals(picked);
        }));

        robot.interact(() -> console.model().pageProperty().set(Page.LIVE));
        robot.clickOn("#shrinkToggle");
        assertThat(console.model().parts().collector().current().policies().shrink()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(robot, () -> barValues(LiveView.CAPACITY)).contains(CHUNK));
        assertThat(fx(robot, () -> maxBar(LiveView.HIGH_WATER))).isGreaterThan(2 * CHUNK);

        LoadViewModel load = console.model().parts().load();
        robot.interact(() -> console.model().pageProperty().set(Page.LOAD));
        robot.clickOn(only(robot, "#loadView #cancelButton", Button.class));
        await().atMost(Duration.ofSeconds(30)).until(() -> !load.runningProperty().get());
        assertThat(load.errorProperty().get()).isEqualTo("burst cancelled");
        // the Balloon preset's hold keeps the connections open after the burst: close them from the Load tab
        robot.clickOn("#closeHeldButton");
        // a sample taken once the cancelled burst's connections are all closed holds the final request count
        var counters = console.model().parts().collector().current().counters();
        await().atMost(Duration.ofSeconds(10)).until(() -> console.sampler().ring().latest().connOpen() == 0
                && console.sampler().ring().latest().requestsTotal() == counters.requestsTotal());
        long answered = counters.requestsTotal();
        assertThat(answered).isGreaterThan(2);
        Path out = tmp.resolve("export");
        robot.interact(() -> console.model().exportCsv(out));
        await().atMost(Duration.ofSeconds(10)).until(() -> !console.model().jobRunningProperty().get()
                && Files.isDirectory(out) && Files.list(out).count() == 3);
        List<CSVRecord> samples = read(find(out, "plateau-samples-"));
        assertThat(samples.size()).isGreaterThan(4);
        assertThat(samples.get(samples.size() - 1).get("requests_total")).isEqualTo(Long.toString(answered));
        assertThat(read(find(out, "plateau-events-"))).extracting(r -> r.get("message")).contains("shrink on");
        assertThat(console.model().jobMessageProperty().get()).startsWith("exported ");
    }

    @Test
    void cancel_stopsARunningBurstWithAMessage(FxRobot robot) {
        robot.clickOn("#startButton");
        await().atMost(Duration.ofSeconds(15)).until(() -> console.model().parts().collector().runningProperty().get());
        robot.interact(() -> {
            console.model().pageProperty().set(Page.LOAD);
            field(robot, "#requestsField").setText("1000");
            field(robot, "#connectionsField").setText("1");
            field(robot, "#delayField").setText("200");
            field(robot, "#linesField").setText("10");
        });
        robot.clickOn("#fireButton");
        LoadViewModel load = console.model().parts().load();
        await().atMost(Duration.ofSeconds(10)).until(() -> load.progressProperty().get() > 0);
        robot.clickOn(only(robot, "#loadView #cancelButton", Button.class));
        await().atMost(Duration.ofSeconds(10)).until(() -> !load.runningProperty().get());
        assertThat(load.errorProperty().get()).isEqualTo("burst cancelled");
        assertThat(load.progressProperty().get()).isLessThan(1.0);
    }

    @Test
    void portInUse_showsTheErrorInRedNextToStart(FxRobot robot) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            robot.interact(() -> field(robot, "#portField").setText(Integer.toString(taken.getLocalPort())));
            robot.clickOn("#startButton");
            await().atMost(Duration.ofSeconds(10)).until(() -> fx(robot, () -> text(robot, "#collectorStatus"))
                    .contains(Integer.toString(taken.getLocalPort())));
            Label status = robot.lookup("#collectorStatus").queryAs(Label.class);
            assertThat(status.getPseudoClassStates()).contains(Views.ERROR);
            assertThat(status.getText()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(console.model().parts().collector().runningProperty().get()).isFalse();
        }
    }

    private long maxBar(String series) {
        return barValues(series).stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private List<Long> barValues(String series) {
        return console.view().liveView().connectionsChart().getData().stream()
                .filter(s -> s.getName().equals(series))
                .flatMap(s -> s.getData().stream())
                .map(d -> d.getYValue().longValue())
                .toList();
    }

    private static double maxY(MarkedLineChart chart, String series) {
        return chart.getData().stream().filter(s -> s.getName().equals(series))
                .flatMap(s -> s.getData().stream()).mapToDouble(d -> d.getYValue().doubleValue()).max().orElse(0);
    }

    static <T> T fx(FxRobot robot, Callable<T> read) {
        AtomicReference<T> out = new AtomicReference<>();
        robot.interact(() -> {
            try {
                out.set(read.call());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return out.get();
    }

    static String text(FxRobot robot, String id) {
        return only(robot, id, Label.class).getText();
    }

    static TextField field(FxRobot robot, String id) {
        return only(robot, id, TextField.class);
    }

    /** The one node {@code query} selects: several pages reuse ids (Fleet has #error too), so an ambiguous id fails. */
    static <T extends Node> T only(FxRobot robot, String query, Class<T> type) {
        Set<T> found = robot.lookup(query).queryAllAs(type);
        assertThat(found).as("nodes matching %s (qualify it with the page, e.g. #loadView %s)", query, query).hasSize(1);
        return found.iterator().next();
    }

    private static Path find(Path dir, String prefix) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    private static List<CSVRecord> read(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }
}
