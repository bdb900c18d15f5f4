package dev.plateau.ui.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.fleet.Preset;
import dev.plateau.ui.common.BackgroundTasks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Fleet tab's fields without a window: presets fill the queries, editing one makes them one's own, bad input is one line. */
class FleetViewModelTest {
    private final FleetViewModel model = new FleetViewModel(new BackgroundTasks(), Path.of("runs"));

    @Test
    void presetFillsTheQueriesAndEditingOneSwitchesToOwnQueries() {
        model.preset().set(Preset.FLUENT_BIT_K8S);
        assertThat(model.memory().get()).contains("container_memory_working_set_bytes");
        assertThat(model.by().get()).isEqualTo("namespace,pod");
        assertThat(model.preset().get()).isEqualTo(Preset.FLUENT_BIT_K8S);
        model.work().set("sum by (namespace, pod) (fluentbit_output_proc_records_total)");
        assertThat(model.preset().get()).isNull();
        assertThat(model.memory().get()).contains("container_memory_working_set_bytes");
    }

    @Test
    void badRangeIsOneLineAndNothingRuns() {
        model.range().set("lots");
        assertThat(model.run()).isNull();
        assertThat(model.errorProperty().get()).isEqualTo("'lots' is not a duration (use e.g. 500ms, 10s, 2m, 1h)");
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void specCarriesTheFields() {
        model.url().set("http://prom.example:9090/prometheus");
        model.step().set("1m");
        var spec = model.spec();
        assertThat(spec.prometheus().getPath()).isEqualTo("/prometheus");
        assertThat(spec.step().toSeconds()).isEqualTo(60);
        assertThat(spec.by()).containsExactly("instance");
    }
}
