package dev.plateau.ui;

import dev.plateau.collector.ConnectionSnapshot;
import dev.plateau.events.Event;
import dev.plateau.events.EventLog;
import dev.plateau.telemetry.Lttb;
import dev.plateau.telemetry.Sample;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * State of the Live tab. {@link #refresh()} (called a few times a second on the FX thread while the tab is shown)
 * pulls the sampler's ring, keeps the chosen {@link TimeWindow}, downsamples every series with
 * {@link Lttb} to at most {@link #MAX_POINTS} points, maps marker events onto the elapsed-time axis and
 * publishes one immutable {@link LiveFrame}.
 *
 * <pre>{@code
 * LiveViewModel live = new LiveViewModel(ring::snapshot, events);
 * live.windowProperty().set(TimeWindow.FIVE_MINUTES);
 * live.refresh();
 * LiveFrame f = live.frameProperty().get();
 * }</pre>
 */
public final class LiveViewModel {
    public static final int MAX_POINTS = 300;
    public static final int MAX_BARS = 40;
    public static final int MAX_MARKERS = 500;

    public static final String RSS = "RSS";
    public static final String HEAP = "heap used";
    public static final String DIRECT = "direct";
    public static final String WATCHED = "watched process RSS";
    public static final String BUFFER_TOTAL = "total (all connections)";
    public static final String BUFFER_LARGEST = "largest connection";
    public static final String ENCODER_RETAINED = "encoder retained";
    public static final String ENCODER_ALLOC_RATE = "allocations/s";

    private final Supplier<List<Sample>> samples;
    private final LongSupplier chunkBytes;
    private final EventLog events;
    private final ObjectProperty<TimeWindow> window = new SimpleObjectProperty<>(this, "window", TimeWindow.FIVE_MINUTES);
    private final ReadOnlyObjectWrapper<LiveFrame> frame = new ReadOnlyObjectWrapper<>(this, "frame", LiveFrame.EMPTY);
    private final ArrayDeque<Event> markerEvents = new ArrayDeque<>();
    private long lastSeq;
    private Sample lastDrawn;
    private TimeWindow lastWindow;

    public LiveViewModel(Supplier<List<Sample>> samples, EventLog events) {
        this(samples, events, () -> 0);
    }

    /** With the running collector's chunk size (shown on the per-connection chart as the "one chunk" reference). */
    public LiveViewModel(Supplier<List<Sample>> samples, EventLog events, LongSupplier chunkBytes) {
        this.samples = Objects.requireNonNull(samples, "samples");
        this.events = Objects.requireNonNull(events, "events");
        this.chunkBytes = Objects.requireNonNull(chunkBytes, "chunkBytes");
    }

    /** Pulls the newest samples and events and publishes a new frame — only when something new arrived. */
    public void refresh() {
        boolean newMarkers = pullMarkers();
        List<Sample> all = samples.get();
        Sample latest = all.isEmpty() ? null : all.get(all.size() - 1);
        if (latest == lastDrawn && window.get() == lastWindow && !newMarkers) {
            return;
        }
        lastDrawn = latest;
        lastWindow = window.get();
        frame.set(build(all, window.get()));
    }

    private boolean pullMarkers() {
        boolean added = false;
        for (Event e : events.since(lastSeq)) {
            lastSeq = e.seq();
            if (e.isMarker()) {
                added = true;
                markerEvents.addLast(e);
                if (markerEvents.size() > MAX_MARKERS) {
                    markerEvents.removeFirst();
                }
            }
        }
        return added;
    }

    LiveFrame build(List<Sample> all, TimeWindow w) {
        if (all.isEmpty()) {
            return LiveFrame.EMPTY;
        }
        Sample latest = all.get(all.size() - 1);
        double xMax = latest.elapsedS();
        double from = Double.isInfinite(w.seconds()) ? all.get(0).elapsedS() : xMax - w.seconds();
        int start = 0;
        while (start < all.size() - 1 && all.get(start).elapsedS() < from) {
            start++;
        }
        List<Sample> view = all.subList(start, all.size());
        double xMin = Double.isInfinite(w.seconds()) ? view.get(0).elapsedS() : Math.max(0, from);
        if (xMax - xMin < 10) {
            xMax = xMin + 10;
        }
        List<LiveFrame.Line> memory = new ArrayList<>();
        memory.add(line(RSS, view, Sample::rssBytes));
        memory.add(line(HEAP, view, Sample::heapUsedBytes));
        memory.add(line(DIRECT, view, Sample::directUsedBytes));
        if (latest.watchedRssBytes() >= 0) {
            memory.add(line(WATCHED, view, s -> Math.max(0, s.watchedRssBytes())));
        }
        List<LiveFrame.Line> buffers = List.of(
                line(BUFFER_TOTAL, view, Sample::connBufferBytes),
                line(BUFFER_LARGEST, view, Sample::connBufferMaxBytes));
        List<LiveFrame.Line> encoder = List.of(line(ENCODER_RETAINED, view, Sample::encoderRetainedBytes));
        List<LiveFrame.Line> rate = List.of(rateLine(ENCODER_ALLOC_RATE, view, Sample::encoderAllocationsTotal));
        return new LiveFrame(xMin, xMax, memory, buffers, encoder, rate, bars(latest.connections()),
                markers(latest, xMin, xMax), chunkBytes.getAsLong());
    }

    /** Maps a wall-clock instant onto the sampler's elapsed-seconds axis, using a sample as the reference. */
    static double toElapsed(long epochMillis, Sample reference) {
        return reference.elapsedS() - (reference.epochMillis() - epochMillis) / 1000.0;
    }

    private List<LiveFrame.Marker> markers(Sample reference, double xMin, double xMax) {
        List<LiveFrame.Marker> out = new ArrayList<>();
        for (Event e : markerEvents) {
            double x = toElapsed(e.epochMillis(), reference);
            if (x >= xMin && x <= xMax) {
                out.add(new LiveFrame.Marker(x, shortLabel(e), e.kind(), e.message()));
            }
        }
        return out;
    }

    /** What a marker says on the chart: "shrink on", "burst start", "burst done", "run before started". */
    static String shortLabel(Event e) {
        if (e.kind() == dev.plateau.events.EventKind.BURST_START) {
            return "burst start";
        }
        String m = e.message();
        for (String cut : new String[] {": ", " → ", " ("}) {
            int i = m.indexOf(cut);
            if (i > 0) {
                m = m.substring(0, i);
            }
        }
        return m.length() > 32 ? m.substring(0, 31) + "…" : m;
    }

    private static List<LiveFrame.Bar> bars(List<ConnectionSnapshot> connections) {
        List<ConnectionSnapshot> shown = connections;
        if (shown.size() > MAX_BARS) {
            shown = new ArrayList<>(shown);
            shown.sort(Comparator.comparingLong(ConnectionSnapshot::capacityBytes).reversed());
            shown = shown.subList(0, MAX_BARS);
            shown.sort(Comparator.comparingLong(ConnectionSnapshot::id));
        }
        List<LiveFrame.Bar> out = new ArrayList<>(shown.size());
        for (ConnectionSnapshot c : shown) {
            out.add(new LiveFrame.Bar("#" + c.id(), c.capacityBytes(), c.highWaterBytes()));
        }
        return out;
    }

    static LiveFrame.Line line(String name, List<Sample> view, ToDoubleFunction<Sample> metric) {
        int n = view.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = view.get(i).elapsedS();
            y[i] = metric.applyAsDouble(view.get(i));
        }
        return downsample(name, x, y, n);
    }

    /** Per-second rate of a cumulative counter between consecutive samples (counter resets read as 0). */
    static LiveFrame.Line rateLine(String name, List<Sample> view, ToDoubleFunction<Sample> counter) {
        int n = Math.max(0, view.size() - 1);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            Sample a = view.get(i);
            Sample b = view.get(i + 1);
            double dt = b.elapsedS() - a.elapsedS();
            double dv = counter.applyAsDouble(b) - counter.applyAsDouble(a);
            x[i] = b.elapsedS();
            y[i] = dt > 0 && dv > 0 ? dv / dt : 0;
        }
        return downsample(name, x, y, n);
    }

    private static LiveFrame.Line downsample(String name, double[] x, double[] y, int n) {
        int[] keep = Lttb.indices(x, y, n, MAX_POINTS);
        if (keep.length == n) {
            return new LiveFrame.Line(name, x, y);
        }
        double[] dx = new double[keep.length];
        double[] dy = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            dx[i] = x[keep[i]];
            dy[i] = y[keep[i]];
        }
        return new LiveFrame.Line(name, dx, dy);
    }

    public ObjectProperty<TimeWindow> windowProperty() {
        return window;
    }

    public ReadOnlyObjectProperty<LiveFrame> frameProperty() {
        return frame.getReadOnlyProperty();
    }
}
