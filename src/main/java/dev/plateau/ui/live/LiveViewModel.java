package dev.plateau.ui.live;

import dev.plateau.collector.ConnectionSnapshot;
import dev.plateau.events.Event;
import dev.plateau.events.EventLog;
import dev.plateau.telemetry.Lttb;
import dev.plateau.telemetry.Sample;
import dev.plateau.ui.common.ChartInteraction.TimeRange;
import dev.plateau.ui.common.TimeWindow;
import dev.plateau.ui.common.Units;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
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
 *
 * <p>Over 300 lines because {@code build} turns one window of samples into every chart of the Live tab (time series,
 * markers, bars) in one pass over the snapshot.
 */
public final class LiveViewModel {
    public static final int MAX_POINTS = 300;
    public static final int MAX_BARS = 40;
    public static final int MAX_MARKERS = 500;
    /** The longest a long window waits for its next redraw, in seconds of sample time. */
    public static final double MAX_REDRAW_PERIOD_S = 1.0;

    public static final String RSS = "RSS";
    public static final String HEAP = "heap used";
    public static final String DIRECT = "direct";
    public static final String WATCHED = "watched process RSS";
    /** Native chunk memory held until the flush ({@code chunk_bytes}). */
    public static final String CHUNKS = "chunk memory";
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
    private final Columns columns = new Columns();
    private TimeWindow lastWindow;
    private boolean redrawEveryTick;

    public LiveViewModel(Supplier<List<Sample>> samples, EventLog events) {
        this(samples, events, () -> 0);
    }

    /** With the running collector's chunk size (shown on the per-connection chart as the "one chunk" reference). */
    public LiveViewModel(Supplier<List<Sample>> samples, EventLog events, LongSupplier chunkBytes) {
        this.samples = Objects.requireNonNull(samples, "samples");
        this.events = Objects.requireNonNull(events, "events");
        this.chunkBytes = Objects.requireNonNull(chunkBytes, "chunkBytes");
    }

    /**
     * Pulls the newest samples and events and publishes a new frame — only when something new arrived, and for a
     * long window only when the newest sample is at least {@link #redrawPeriodS} newer than the last one drawn
     * (a new marker or another window redraws at once).
     */
    public void refresh() {
        boolean newMarkers = pullMarkers();
        List<Sample> all = samples.get();
        Sample latest = all.isEmpty() ? null : all.get(all.size() - 1);
        boolean sameWindow = window.get() == lastWindow;
        if (latest == lastDrawn && sameWindow && !newMarkers) {
            return;
        }
        if (!redrawEveryTick && sameWindow && !newMarkers && latest != null && lastDrawn != null) {
            double span = Double.isInfinite(window.get().seconds())
                    ? latest.elapsedS() - all.get(0).elapsedS() : window.get().seconds();
            double since = latest.elapsedS() - lastDrawn.elapsedS();
            if (since >= 0 && since < redrawPeriodS(span) * 0.9) {
                return;
            }
        }
        lastDrawn = latest;
        lastWindow = window.get();
        frame.set(build(all, window.get()));
    }

    /**
     * How often (in sample time) a window of {@code spanS} seconds is redrawn: once per LTTB bucket
     * ({@code span / MAX_POINTS}), but at least every {@link #MAX_REDRAW_PERIOD_S}. The 1-minute window (0.2 s per
     * bucket) follows every 4 Hz tick; 5 minutes and longer redraw once a second — a 4 Hz redraw would move them by
     * less than a bucket (under a pixel) while costing the charts' layout and rendering four times over.
     */
    public static double redrawPeriodS(double spanS) {
        return Math.min(MAX_REDRAW_PERIOD_S, spanS / MAX_POINTS);
    }

    /** Redraw at every new sample whatever the window (the pulse benchmark's worst case); off by default. */
    public void setRedrawEveryTick(boolean on) {
        redrawEveryTick = on;
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
        Columns c = columns;
        c.update(all);
        int n = c.size;
        Sample latest = all.get(n - 1);
        double xMax = latest.elapsedS();
        double from = Double.isInfinite(w.seconds()) ? c.x[0] : xMax - w.seconds();
        int start = c.firstAtOrAfter(from);
        double xMin = Double.isInfinite(w.seconds()) ? c.x[start] : Math.max(0, from);
        if (xMax - xMin < 10) {
            xMax = xMin + 10;
        }
        List<LiveFrame.Line> memory = new ArrayList<>();
        memory.add(c.line(RSS, c.rss, start));
        memory.add(c.line(HEAP, c.heap, start));
        memory.add(c.line(DIRECT, c.direct, start));
        memory.add(c.line(CHUNKS, c.chunks, start));
        List<LiveFrame.Line> watched = latest.watchedRssBytes() >= 0 ? List.of(c.line(WATCHED, c.watched, start)) : List.of();
        List<LiveFrame.Line> buffers = List.of(
                c.line(BUFFER_TOTAL, c.bufferTotal, start),
                c.line(BUFFER_LARGEST, c.bufferLargest, start));
        List<LiveFrame.Line> encoder = List.of(c.line(ENCODER_RETAINED, c.encoderRetained, start));
        // the rate at sample i is over (i-1, i]: the window's first point has none
        List<LiveFrame.Line> rate = List.of(downsample(ENCODER_ALLOC_RATE, c.x, c.allocRate, Math.min(start + 1, n), n));
        return new LiveFrame(xMin, xMax, memory, watched, buffers, encoder, rate, bars(latest.connections()),
                markers(latest, xMin, xMax), chunkBytes.getAsLong());
    }

    /**
     * The charted figures of the ring as columns (x = elapsed seconds), kept between refreshes: the ring only
     * appends, so a refresh reads just the samples that arrived since the last one. When the ring thinned its
     * older half or was cleared (the retained samples no longer line up with the cached ones), the columns are
     * rebuilt from scratch. Reading 14,400 samples through nine getters for every refresh was most of the Live
     * tab's time on the FX thread with an hour of history.
     */
    static final class Columns {
        double[] x = new double[0];
        double[] rss = x;
        double[] heap = x;
        double[] direct = x;
        double[] watched = x;
        double[] chunks = x;
        double[] bufferTotal = x;
        double[] bufferLargest = x;
        double[] encoderRetained = x;
        /** Allocations per second between sample i-1 and i (0 at i = 0 and for counter resets). */
        double[] allocRate = x;
        private double[] allocTotal = x;
        int size;
        /** Samples read from the ring in total (the rest were already cached); for tests. */
        long read;

        void update(List<Sample> all) {
            int n = all.size();
            int from = lineUp(all);
            if (x.length < n) {
                int cap = Math.max(n, x.length + x.length / 2);
                x = Arrays.copyOf(x, cap);
                rss = Arrays.copyOf(rss, cap);
                heap = Arrays.copyOf(heap, cap);
                direct = Arrays.copyOf(direct, cap);
                watched = Arrays.copyOf(watched, cap);
                chunks = Arrays.copyOf(chunks, cap);
                bufferTotal = Arrays.copyOf(bufferTotal, cap);
                bufferLargest = Arrays.copyOf(bufferLargest, cap);
                encoderRetained = Arrays.copyOf(encoderRetained, cap);
                allocRate = Arrays.copyOf(allocRate, cap);
                allocTotal = Arrays.copyOf(allocTotal, cap);
            }
            for (int i = from; i < n; i++) {
                Sample s = all.get(i);
                x[i] = s.elapsedS();
                rss[i] = s.rssBytes();
                heap[i] = s.heapUsedBytes();
                direct[i] = s.directUsedBytes();
                watched[i] = Math.max(0, s.watchedRssBytes());
                chunks[i] = s.chunkBytes();
                bufferTotal[i] = s.connBufferBytes();
                bufferLargest[i] = s.connBufferMaxBytes();
                encoderRetained[i] = s.encoderRetainedBytes();
                allocTotal[i] = s.encoderAllocationsTotal();
                double dt = i == 0 ? 0 : x[i] - x[i - 1];
                double dv = i == 0 ? 0 : allocTotal[i] - allocTotal[i - 1];
                allocRate[i] = dt > 0 && dv > 0 ? dv / dt : 0;
            }
            read += n - from;
            size = n;
        }

        /** How many leading samples of {@code all} are already cached (0 when they do not line up). */
        private int lineUp(List<Sample> all) {
            int n = all.size();
            int cached = size;
            if (cached == 0 || n < cached) {
                return 0;
            }
            Sample first = all.get(0);
            Sample last = all.get(cached - 1);
            boolean same = first.elapsedS() == x[0] && last.elapsedS() == x[cached - 1]
                    && last.rssBytes() == rss[cached - 1] && (n == cached || all.get(cached).elapsedS() > x[cached - 1]);
            return same ? cached : 0;
        }

        /** Index of the first sample at or after elapsed second {@code from} (the last one if none is). */
        int firstAtOrAfter(double from) {
            int i = Arrays.binarySearch(x, 0, size, from);
            if (i < 0) {
                i = -i - 1;
            } else {
                while (i > 0 && x[i - 1] == from) {
                    i--;
                }
            }
            return Math.min(i, size - 1);
        }

        LiveFrame.Line line(String name, double[] y, int start) {
            return downsample(name, x, y, start, size);
        }
    }

    /** Maps a wall-clock instant onto the sampler's elapsed-seconds axis, using a sample as the reference. */
    public static double toElapsed(long epochMillis, Sample reference) {
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
    public static String shortLabel(Event e) {
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

    /** The hint while the time charts are zoomed: the range, and how to follow the window again ("" when not zoomed). */
    static String zoomHint(TimeRange z) {
        return z == null ? "" : String.format(Locale.ROOT,
                "zoomed to %s – %s (live data paused on the axis): double-click or Esc to follow the window again",
                Units.elapsed(z.from()), Units.elapsed(z.to()));
    }

    /** The per-connection chart's title: what it compares, then the chunk size, or that no connection is open. */
    static String connectionsTitle(LiveFrame f) {
        return "Per connection: buffer now vs. high-water mark" + (f.connections().isEmpty() ? " — no connection open"
                : f.chunkBytes() > 0 ? "   (1 chunk = " + Units.bytes(f.chunkBytes()) + ")" : "");
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

    /** Points {@code from} to {@code to - 1} of a series, downsampled with {@link Lttb} to {@link #MAX_POINTS}. */
    static LiveFrame.Line downsample(String name, double[] x, double[] y, int from, int to) {
        Lttb.Points p = Lttb.downsample(x, y, from, to, MAX_POINTS);
        return new LiveFrame.Line(name, p.x(), p.y());
    }

    public ObjectProperty<TimeWindow> windowProperty() {
        return window;
    }

    public ReadOnlyObjectProperty<LiveFrame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    /** The cached columns (for tests). */
    public Columns columns() {
        return columns;
    }
}
