package dev.plateau.ui.live;

import dev.plateau.events.EventKind;
import java.util.List;

/**
 * What the Live tab draws at one refresh: downsampled lines per chart, the per-connection bars and the
 * markers, all in plain numbers (x = elapsed seconds of the sampler). Built by {@link LiveViewModel},
 * drawn by {@link LiveCharts} for {@link LiveView}. {@code watched} is the watched process's RSS (empty when none is watched): its own
 * chart and axis, since an 8 MB process would be a flat line under the console's hundreds of MB. {@code chunkBytes} is the running collector's {@code buffer_chunk_size} (0 when none).
 */
public record LiveFrame(double xMin, double xMax, List<Line> memory, List<Line> watched, List<Line> buffers,
                        List<Line> encoderBytes, List<Line> encoderRate, List<Bar> connections, List<Marker> markers,
                        long chunkBytes) {

    public static final LiveFrame EMPTY = new LiveFrame(0, 60, List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), 0);

    /** One series: parallel x (elapsed seconds) and y arrays. */
    public record Line(String name, double[] x, double[] y) {
        public int size() {
            return x.length;
        }

        public double lastY() {
            return y.length == 0 ? Double.NaN : y[y.length - 1];
        }
    }

    /** One connection's bar: current capacity and its high-water mark, in bytes. */
    public record Bar(String connection, long capacityBytes, long highWaterBytes) {
    }

    /**
     * A labelled vertical marker (policy switch, burst start/end, run start/end) at elapsed second {@code x}:
     * a short {@code label} drawn on the chart and the event's full message as {@code detail} (tooltip).
     */
    public record Marker(double x, String label, EventKind kind, String detail) {
    }

    public Line line(List<Line> lines, String name) {
        return lines.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
    }
}
