package dev.plateau.ui.live;

import dev.plateau.ui.common.ChartInteraction.TimeRange;
import dev.plateau.ui.common.TimeWindow;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;

/**
 * Controller of {@code LiveView.fxml}: binds the window selector and the zoom, and hands each new {@link LiveFrame}
 * to {@link LiveCharts}, which draws it one chart per FX pulse.
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
    @FXML private Label zoomHint;
    private final ObjectProperty<TimeRange> zoom = new SimpleObjectProperty<>(this, "zoom");
    private LiveCharts drawn;

    public LiveView(LiveViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @FXML
    private void initialize() {
        drawn = new LiveCharts(memoryChart, watchedChart, buffersChart, encoderChart, encoderRateChart,
                connectionsChart, capacityAxis);
        drawn.follow(zoom);
        zoom.addListener((obs, o, z) -> zoomHint.setText(LiveViewModel.zoomHint(z)));
        windowChoice.getItems().setAll(TimeWindow.values());
        windowChoice.valueProperty().bindBidirectional(model.windowProperty());
        model.frameProperty().addListener((obs, old, frame) -> drawn.stagger(frame));
        drawn.drawAll(model.frameProperty().get());
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
        return drawn.drawing();
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
