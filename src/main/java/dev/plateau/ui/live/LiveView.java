package dev.plateau.ui.live;

import dev.plateau.ui.common.ChartInteraction.TimeRange;
import dev.plateau.ui.common.TimeWindow;
import dev.plateau.ui.common.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;

/**
 * Controller of {@code LiveView.fxml}: binds the window selector and draws each new {@link LiveFrame}. A frame
 * touches five charts; they are brought up to it one per FX pulse ({@link #stagger}, five pulses ≈ 80 ms), so no
 * single pulse lays out and paints them all — that kept pulses over 16 ms in software rendering with an hour of
 * samples. A newer frame arriving meanwhile is drawn from the chart the round had reached, round-robin, so on a
 * slow machine (frames faster than five pulses) every chart still gets its turn — restarting at the first chart
 * left the per-connection bars never drawn.
 */
public final class LiveView {
    public static final String CAPACITY = "buffer now";
    public static final String HIGH_WATER = "high-water mark";

    private final LiveViewModel model;
    @FXML private ComboBox<TimeWindow> windowChoice;
    @FXML private Node charts;
    @FXML private MarkedLineChart memoryChart;
    @FXML private MarkedLineChart watchedChart;
    @FXML private MarkedLineChart buffersChart;
    @FXML private MarkedLineChart encoderChart;
    @FXML private MarkedLineChart encoderRateChart;
    @FXML private BarChart<String, Number> connectionsChart;
    @FXML private NumberAxis capacityAxis;
    private final XYChart.Series<String, Number> capacity = new XYChart.Series<>();
    private final XYChart.Series<String, Number> highWater = new XYChart.Series<>();
    private final ObjectProperty<TimeRange> zoom = new SimpleObjectProperty<>(this, "zoom");
    @FXML private Label zoomHint;
    private static final int CHARTS = 5;
    private LiveFrame pending;
    private int nextChart;
    /** Charts still to bring up to {@link #pending}: a new frame resets it, not {@link #nextChart}. */
    private int left;
    private boolean drawing;
    /** Runs at the start of a pulse while charts wait for the pending frame; stops when all five are drawn. */
    private final AnimationTimer stagger = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (pending == null || left == 0) {
                pending = null;
                drawing = false;
                stop();
                return;
            }
            drawChart(pending, nextChart);
            nextChart = (nextChart + 1) % CHARTS;
            left--;
        }
    };

    public LiveView(LiveViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @FXML
    private void initialize() {
        for (MarkedLineChart c : List.of(memoryChart, watchedChart, buffersChart, encoderChart, encoderRateChart)) {
            c.follow(zoom);
        }
        zoom.addListener((obs, o, z) -> zoomHint.setText(z == null ? "" : String.format(Locale.ROOT,
                "zoomed to %s – %s (live data paused on the axis): double-click or Esc to follow the window again",
                Units.elapsed(z.from()), Units.elapsed(z.to()))));
        windowChoice.getItems().setAll(TimeWindow.values());
        windowChoice.valueProperty().bindBidirectional(model.windowProperty());
        capacityAxis.setTickLabelFormatter(Units.bytesAxis());
        capacity.setName(CAPACITY);
        highWater.setName(HIGH_WATER);
        connectionsChart.getData().addAll(List.of(capacity, highWater));
        model.frameProperty().addListener((obs, old, frame) -> {
            pending = frame;
            left = CHARTS;
            drawing = true;
            stagger.start();
        });
        LiveFrame first = model.frameProperty().get();
        for (int chart = 0; drawChart(first, chart); chart++) {
            // the first frame at once, all charts
        }
    }

    /** Draws chart number {@code chart} (0–4) of frame {@code f}; false when there is no such chart. */
    private boolean drawChart(LiveFrame f, int chart) {
        switch (chart) {
            case 0 -> {
                memoryChart.show(f.xMin(), f.xMax(), f.memory(), f.markers());
                watchedChart.setVisible(!f.watched().isEmpty());
                watchedChart.setManaged(!f.watched().isEmpty());
                watchedChart.show(f.xMin(), f.xMax(), f.watched(), f.markers());
            }
            case 1 -> buffersChart.show(f.xMin(), f.xMax(), f.buffers(), f.markers());
            case 2 -> encoderChart.show(f.xMin(), f.xMax(), f.encoderBytes(), f.markers());
            case 3 -> encoderRateChart.show(f.xMin(), f.xMax(), f.encoderRate(), f.markers());
            case 4 -> {
                drawBars(f.connections());
                String title = "Per connection: buffer now vs. high-water mark"
                        + (f.connections().isEmpty() ? " — no connection open"
                        : f.chunkBytes() > 0 ? "   (1 chunk = " + Units.bytes(f.chunkBytes()) + ")" : "");
                if (!title.equals(connectionsChart.getTitle())) {
                    connectionsChart.setTitle(title);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void drawBars(List<LiveFrame.Bar> bars) {
        // no bars: a fixed 0–1 MB axis instead of the 0–110 B an empty auto-ranged axis shows
        if (bars.isEmpty() != !capacityAxis.isAutoRanging()) {
            capacityAxis.setAutoRanging(!bars.isEmpty());
            if (bars.isEmpty()) {
                capacityAxis.setLowerBound(0);
                capacityAxis.setUpperBound(1_000_000);
                capacityAxis.setTickUnit(200_000);
            }
        }
        boolean sameCategories = capacity.getData().size() == bars.size();
        for (int i = 0; sameCategories && i < bars.size(); i++) {
            sameCategories = capacity.getData().get(i).getXValue().equals(bars.get(i).connection());
        }
        if (sameCategories) {
            for (int i = 0; i < bars.size(); i++) {
                setIfChanged(capacity.getData().get(i), bars.get(i).capacityBytes());
                setIfChanged(highWater.getData().get(i), bars.get(i).highWaterBytes());
            }
            return;
        }
        List<XYChart.Data<String, Number>> now = new ArrayList<>();
        List<XYChart.Data<String, Number>> hwm = new ArrayList<>();
        for (LiveFrame.Bar b : bars) {
            now.add(new XYChart.Data<>(b.connection(), b.capacityBytes()));
            hwm.add(new XYChart.Data<>(b.connection(), b.highWaterBytes()));
        }
        capacity.getData().setAll(now);
        highWater.getData().setAll(hwm);
    }

    private static void setIfChanged(XYChart.Data<String, Number> d, long value) {
        if (d.getYValue() == null || d.getYValue().longValue() != value) {
            d.setYValue(value);
        }
    }

    /** The time range every time chart shows (null: follow the window). */
    public void zoomTo(double from, double to) {
        zoom.set(new TimeRange(from, to));
    }

    public void resetZoom() {
        zoom.set(null);
    }

    /** True while charts are still being brought up to the newest frame (FX thread). */
    public boolean drawing() {
        return drawing;
    }

    /** The chart grid (what Save PNG… writes). */
    public Node chartsNode() {
        return charts;
    }

    public MarkedLineChart memoryChart() {
        return memoryChart;
    }

    public MarkedLineChart watchedChart() {
        return watchedChart;
    }

    public MarkedLineChart buffersChart() {
        return buffersChart;
    }

    public BarChart<String, Number> connectionsChart() {
        return connectionsChart;
    }
}
