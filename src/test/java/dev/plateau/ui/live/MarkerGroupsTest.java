package dev.plateau.ui.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.events.EventKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkerGroupsTest {
    private static LiveFrame.Marker at(double x, String label) {
        return new LiveFrame.Marker(x, label, EventKind.POLICY, label + " (full message)");
    }

    @Test
    void closeMarkers_mergeIntoOneGroupLabelledWithTheirCount() {
        List<MarkerGroups.Group> groups = MarkerGroups.group(
                List.of(at(10.0, "shrink on"), at(10.2, "reinit on"), at(10.4, "idle 5s"), at(30, "shrink off")),
                x -> x * 10, 24);
        assertThat(groups).extracting(MarkerGroups.Group::label).containsExactly("3 events", "shrink off");
        assertThat(groups.get(0).detail().split("\n")).hasSize(3)
                .anySatisfy(line -> assertThat(line).endsWith("reinit on (full message)"));
        assertThat(groups.get(0).px()).isEqualTo(100.0);
    }

    @Test
    void markersFarApart_stayAlone() {
        List<MarkerGroups.Group> groups = MarkerGroups.group(List.of(at(50, "b"), at(10, "a")), x -> x * 10, 24);
        assertThat(groups).extracting(MarkerGroups.Group::label).containsExactly("a", "b");
        assertThat(MarkerGroups.group(List.of(), x -> x, 24)).isEmpty();
    }
}
