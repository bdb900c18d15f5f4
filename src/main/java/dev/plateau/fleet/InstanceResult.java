package dev.plateau.fleet;

import dev.plateau.runs.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The verdict of one instance: its naming labels, size of its history, peak and final memory, the slope of its
 * worst segment and the verdict ({@code growing} when any segment grows). {@code x}/{@code y} are the history
 * reduced to at most a few hundred points (LTTB) for the sparkline and the overlay; x is cumulative work across
 * restarts (or elapsed seconds without a work expression).
 */
public record InstanceResult(Map<String, String> labels, Map<String, String> allLabels, int samples, double peak,
                             double finalValue, double slope, String unit, Verdict verdict, List<Segment> segments,
                             double[] x, double[] y, Path run) {

    /** {@code pod=a,namespace=b}: the naming labels as one cell. */
    public String name() {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** {@code 1}, or {@code 3 (2 restarts)}. */
    public String segmentSummary() {
        int restarts = segments.size() - 1;
        return restarts == 0 ? "1" : segments.size() + " (" + restarts + (restarts == 1 ? " restart)" : " restarts)");
    }

    /** The same result with the folder it was imported to. */
    InstanceResult withRun(Path dir) {
        return new InstanceResult(labels, allLabels, samples, peak, finalValue, slope, unit, verdict, segments, x, y, dir);
    }
}
