package dev.plateau.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.events.Event;
import dev.plateau.runs.RunStats;
import dev.plateau.runs.Verdict;
import dev.plateau.ui.compare.CompareViewModel;
import dev.plateau.ui.compare.ExperimentViewModel;
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
 * The Before / After button: the small scenario three times on fresh collectors (off, on, on + idle timeout), then
 * the Compare tab opens with the three runs selected; connection buffers grow with policies off and plateau with
 * the idle timeout.
 */
@ExtendWith(ApplicationExtension.class)
class ExperimentUiTest {
    @TempDir
    static Path tmp;
    private Console console;

    @Start
    void start(Stage stage) {
        console = TestConsoles.show(stage, tmp);
        console.model().pageProperty().set(Page.COMPARE);
    }

    @Stop
    void stop() {
        console.shutdown();
    }

    @Test
    void beforeAfter_recordsThreeRunsAndOpensTheComparison(FxRobot robot) {
        ExperimentViewModel experiment = console.model().parts().experiment();
        assertThat(experiment.scenarioProperty().get().getFileName().toString()).isEqualTo("small-before.json");
        robot.interact(() -> console.model().pageProperty().set(Page.LIVE));
        robot.interact(() -> console.model().pageProperty().set(Page.COMPARE));
        robot.clickOn("#experimentRunButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> experiment.progressProperty().get() > 0);
        await().atMost(Duration.ofSeconds(120)).until(() -> !experiment.runningProperty().get());
        assertThat(experiment.messageErrorProperty().get()).as(experiment.messageProperty().get()).isFalse();

        CompareViewModel compare = console.model().parts().compare();
        await().atMost(Duration.ofSeconds(20)).until(() -> compare.statsProperty().get().size() == 3);
        assertThat(console.model().pageProperty().get()).isEqualTo(Page.COMPARE);
        assertThat(compare.metricProperty().get()).isEqualTo("conn_buffer_bytes");
        List<RunStats> stats = compare.statsProperty().get();
        assertThat(stats).extracting(RunStats::run).containsExactlyInAnyOrder("small-off", "small-on", "small-on-idle");
        assertThat(verdict(stats, "small-off")).isEqualTo(Verdict.GROWING);
        assertThat(verdict(stats, "small-on-idle")).isEqualTo(Verdict.PLATEAU);
        // the runs' collectors and bursts keep their events in their runs: nothing lands on the Live charts
        assertThat(console.events().all()).noneMatch(Event::isMarker)
                .noneMatch(e -> e.message().startsWith("listening on"));
    }

    private static Verdict verdict(List<RunStats> stats, String run) {
        return stats.stream().filter(s -> s.run().equals(run)).findFirst().orElseThrow().verdict();
    }
}
