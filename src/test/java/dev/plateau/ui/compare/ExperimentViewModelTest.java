package dev.plateau.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.Sizes;
import dev.plateau.events.EventLog;
import dev.plateau.runs.Scenario;
import dev.plateau.ui.common.BackgroundTasks;
import dev.plateau.ui.compare.ExperimentViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentViewModelTest {
    private static final Path SCENARIOS = Path.of("samples", "scenarios");

    @Test
    void listsTheScenariosAndPicksTheSmallBeforeOne(@TempDir Path runs) {
        ExperimentViewModel vm = new ExperimentViewModel(SCENARIOS, runs, new EventLog(), new BackgroundTasks(), d -> { });
        assertThat(vm.scenarios()).extracting(p -> p.getFileName().toString()).contains("seed-before.json", "small-before.json");
        assertThat(vm.scenarioProperty().get().getFileName().toString()).isEqualTo("small-before.json");
        assertThat(vm.messageProperty().get()).isEmpty();
    }

    @Test
    void idleTimeout_comesFromTheScenariosIdleTimeoutSibling() throws Exception {
        assertThat(ExperimentViewModel.suggestedIdleTimeout(SCENARIOS.resolve("small-before.json"))).isEqualTo(siblingIdle("small"));
        assertThat(ExperimentViewModel.suggestedIdleTimeout(SCENARIOS.resolve("seed-before.json"))).isEqualTo(siblingIdle("seed"));
        assertThat(siblingIdle("small")).isNotEqualTo("0s");
        assertThat(ExperimentViewModel.suggestedIdleTimeout(SCENARIOS.resolve("unknown.json"))).isEqualTo("2s");
    }

    private static String siblingIdle(String family) throws Exception {
        return Sizes.formatDuration(Scenario.load(SCENARIOS.resolve(family + "-after-idle-timeout.json")).collector().idleTimeout());
    }

    @Test
    void missingFolder_isAMessageNotACrash(@TempDir Path runs) {
        ExperimentViewModel vm = new ExperimentViewModel(runs.resolve("nope"), runs, new EventLog(), new BackgroundTasks(), d -> { });
        assertThat(vm.scenarios()).isEmpty();
        assertThat(vm.messageProperty().get()).startsWith("no scenarios folder");
        assertThat(vm.messageErrorProperty().get()).isTrue();
    }

    @Test
    void variants_areOffOnAndOnWithIdleTimeout(@TempDir Path runs) throws Exception {
        ExperimentViewModel vm = new ExperimentViewModel(SCENARIOS, runs, new EventLog(), new BackgroundTasks(), d -> { });
        assertThat(vm.idleTimeoutField().textProperty().get()).isEqualTo(siblingIdle("small"));
        vm.idleTimeoutField().textProperty().set("3s");
        List<ExperimentViewModel.Variant> plan = vm.variants();
        assertThat(plan).extracting(ExperimentViewModel.Variant::suffix).containsExactly("off", "on", "on-idle");
        vm.withIdleTimeoutProperty().set(false);
        assertThat(vm.variants()).hasSize(2);

        Scenario base = Scenario.load(SCENARIOS.resolve("small-before.json"));
        List<Scenario> played = new ArrayList<>();
        for (ExperimentViewModel.Variant v : plan) {
            played.add(ExperimentViewModel.variant(base, v));
        }
        assertThat(played).extracting(Scenario::name).containsExactly("small-off", "small-on", "small-on-idle");
        assertThat(played.get(0).collector().shrink()).isFalse();
        assertThat(played.get(1).collector().shrink()).isTrue();
        assertThat(played.get(1).collector().reinit()).isTrue();
        assertThat(played.get(1).collector().idleTimeout()).isEqualTo(Duration.ZERO);
        assertThat(played.get(2).collector().idleTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(played.get(2).bursts()).isEqualTo(base.bursts());
        assertThat(played.get(2).collector().bufferChunkSize()).isEqualTo(base.collector().bufferChunkSize());
    }
}
