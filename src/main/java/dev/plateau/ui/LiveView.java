package dev.plateau.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;

/** Controller of {@code LiveView.fxml}: binds the window selector and draws each new {@link LiveFrame}. */
public final class LiveView {
    static final String CAPACITY = "buffer now";
    static final String HIGH_WATER = "high-water mark";

    private final LiveViewModel model;
    @FXML private ComboBox<TimeWindow> windowChoice;
    @FXML private Node charts;
    @FXML private MarkedLineChart memoryChart;
    @FXML private MarkedLineChart buffersChart;
    @FXML private MarkedLineChart encoderChart;
    @FXML private MarkedLineChart encoderRateChart;
    @FXML private BarChart<String, Number> connectionsChart;
    @FXML private NumberAxis capacityAxis;
    private final XYChart.Series<String, Number> capacity = new XYChart.Series<>();
    private final XYChart.Series<String, Number> highWater = new XYChart.Series<>();

    public LiveView(LiveViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @FXML
    private void initialize() {
        windowChoice.getItems().setAll(TimeWindow.values());
        windowChoice.valueProperty().bindBidirectional(model.windowProperty());
        capacityAxis.setTickLabelFormatter(Units.bytesAxis());
        capacity.setName(CAPACITY);
        highWater.setName(HIGH_WATER);
        connectionsChart.getData().addAll(List.of(capacity, highWater));
        model.frameProperty().addListener((obs, old, frame) -> draw(frame));
        draw(model.frameProperty().get());
    }

    private void draw(LiveFrame f) {
        memoryChart.show(f.xMin(), f.xMax(), f.memory(), f.markers());
        buffersChart.show(f.xMin(), f.xMax(), f.buffers(), f.markers());
        encoderChart.show(f.xMin(), f.xMax(), f.encoderBytes(), f.markers());
        encoderRateChart.show(f.xMin(), f.xMax(), f.encoderRate(), f.markers());
        drawBars(f.connections());
        String title = "Per connection: buffer now vs. high-water mark"
                + (f.chunkBytes() > 0 ? "   (1 chunk = " + Units.bytes(f.chunkBytes()) + ")" : "");
        if (!title.equals(connectionsChart.getTitle())) {
            connectionsChart.setTitle(title);
        }
    }

    private void drawBars(List<LiveFrame.Bar> bars) {
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

    /** The chart grid (what Save PNG… writes). */
    public Node chartsNode() {
        return charts;
    }

    public MarkedLineChart memoryChart() {
        return memoryChart;
    }

    public MarkedLineChart buffersChart() {
        return buffersChart;
    }

    public BarChart<String, Number> connectionsChart() {
        return connectionsChart;
    }
}
