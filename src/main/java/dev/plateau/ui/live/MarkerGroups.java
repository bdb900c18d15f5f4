package dev.plateau.ui.live;

import dev.plateau.ui.common.Units;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;

/**
 * Groups chart markers that would crowd each other: markers whose pixel positions are closer than a gap become one
 * group, drawn as one line with one label — the marker's own label when alone, "3 events" otherwise — and the full
 * list (one event per line) as its tooltip. Plain Java, so the rule is tested without a chart.
 *
 * <pre>{@code
 * List<MarkerGroups.Group> g = MarkerGroups.group(markers, axis::getDisplayPosition, 48);
 * }</pre>
 */
public final class MarkerGroups {
    private MarkerGroups() {
    }

    /** Markers drawn together at pixel {@code px} (the first marker's position). */
    public record Group(double px, List<LiveFrame.Marker> markers) {
        /** The text on the chart. */
        public String label() {
            return markers.size() == 1 ? markers.get(0).label() : markers.size() + " events";
        }

        /** The tooltip: every marker's full message, one per line, with its elapsed time. */
        public String detail() {
            return markers.stream().map(m -> String.format(Locale.ROOT, "%s  %s",
                    Units.elapsed(m.x()), m.detail())).collect(Collectors.joining("\n"));
        }

        /** The kind whose colour the group takes: the first marker's. */
        public LiveFrame.Marker first() {
            return markers.get(0);
        }
    }

    /** Groups the markers (sorted by x) whose pixel positions lie within {@code minGapPx} of the group's first. */
    public static List<Group> group(List<LiveFrame.Marker> markers, DoubleUnaryOperator toPixel,
                                    double minGapPx) {
        List<LiveFrame.Marker> sorted = new ArrayList<>(markers);
        sorted.sort(Comparator.comparingDouble(LiveFrame.Marker::x));
        List<Group> out = new ArrayList<>();
        List<LiveFrame.Marker> current = new ArrayList<>();
        double start = Double.NaN;
        for (LiveFrame.Marker m : sorted) {
            double px = toPixel.applyAsDouble(m.x());
            if (!current.isEmpty() && px - start >= minGapPx) {
                out.add(new Group(start, List.copyOf(current)));
                current.clear();
            }
            if (current.isEmpty()) {
                start = px;
            }
            current.add(m);
        }
        if (!current.isEmpty()) {
            out.add(new Group(start, List.copyOf(current)));
        }
        return out;
    }
}
