package dev.plateau.ui.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.fleet.InstanceResult;
import dev.plateau.fleet.Preset;
import dev.plateau.runs.Verdict;
import dev.plateau.ui.common.BackgroundTasks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The Fleet tab's fields without a window: presets fill the queries, editing one makes them one's own, bad input is one
 * line; and what the table and the overlay show (texts, colours, sparkline points).
 */
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

    @Test
    void overlayDrawsTheFirstEightSelectedNamedWithTheirVerdict() {
        List<InstanceResult> selected = IntStream.range(0, 10).mapToObj(i -> instance("i" + i, Verdict.PLATEAU, "B/record")).toList();
        assertThat(FleetViewModel.overlaid(selected)).hasSize(FleetViewModel.MAX_OVERLAY).containsExactlyElementsOf(selected.subList(0, 8));
        assertThat(FleetViewModel.overlaid(selected.subList(0, 3))).hasSize(3);
        assertThat(FleetViewModel.overlaid(List.of())).isEmpty();
        assertThat(FleetViewModel.overlayName(instance("i7", Verdict.GROWING, "B/record"))).isEqualTo("instance=i7 — growing");
        assertThat(FleetViewModel.overlayAxis("B/s")).isEqualTo("elapsed (s)");
        assertThat(FleetViewModel.overlayAxis("B/record")).isEqualTo("records since start");
    }

    @Test
    void slopeCellsAndHeader() {
        assertThat(FleetViewModel.slope(12345.678)).isEqualTo("12,345.7");
        assertThat(FleetViewModel.slope(Double.NaN)).isEqualTo("-");
        assertThat(FleetViewModel.slopeHeader("B/record")).isEqualTo("slope (B/record)");
    }

    @Test
    void verdictColoursAndStyles() {
        assertThat(FleetViewModel.badgeColour(Verdict.GROWING)).isEqualTo("#d32f2f");
        assertThat(FleetViewModel.badgeColour(Verdict.PLATEAU)).isEqualTo("#2e7d32");
        assertThat(FleetViewModel.badgeColour(Verdict.INSUFFICIENT_DATA)).isEqualTo("#757575");
        assertThat(FleetViewModel.lineColour(Verdict.GROWING)).isEqualTo("#d32f2f");
        assertThat(FleetViewModel.lineColour(Verdict.INSUFFICIENT_DATA)).isEqualTo("#2e7d32");
        assertThat(FleetViewModel.verdictStyle(Verdict.PLATEAU)).isEqualTo("verdict-plateau");
        assertThat(FleetViewModel.verdictStyle(Verdict.GROWING)).isEqualTo("verdict-growing");
        assertThat(FleetViewModel.verdictStyle(Verdict.INSUFFICIENT_DATA)).isNull();
    }

    @Test
    void sparklineFillsItsBoxWithTheLowestValueAtTheBottom() {
        double[] points = FleetViewModel.sparkline(new double[] {10, 20, 30}, new double[] {5, 9, 7}, 110, 18);
        assertThat(points).containsExactly(0, 18, 55, 0, 110, 9);
        assertThat(FleetViewModel.sparkline(new double[] {1, 2}, new double[] {4, 4}, 110, 18)).containsExactly(0, 18, 110, 18);
        assertThat(FleetViewModel.sparkline(new double[] {1}, new double[] {4}, 110, 18)).isNull();
    }

    private static InstanceResult instance(String name, Verdict verdict, String unit) {
        return new InstanceResult(Map.of("instance", name), Map.of("instance", name), 2, 2, 1, 0.5, unit, verdict,
                List.of(), new double[] {0, 1}, new double[] {1, 2}, null);
    }
}
