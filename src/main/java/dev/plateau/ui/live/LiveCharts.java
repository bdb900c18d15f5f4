package dev.plateau.ui.live;

import dev.plateau.ui.common.ChartInteraction.TimeRange;
import dev.plateau.ui.common.Units;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ObjectProperty;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * Draws each new {@link LiveFrame} on the Live tab's charts, out of {@link LiveView} so the controller only wires. A
 * frame touches five charts; they are brought up to it one per FX pulse ({@link #stagger}, five pulses ≈ 80 ms), so no
 * single pulse lays out and paints them all — that kept pulses over 16 ms in software rendering with an hour of
 * samples. A newer frame arriving meanwhile is drawn from the chart the round had reached, round-robin, so on a
 * slow machine (frames faster than five pulses) every chart still gets its turn — restarting at the first chart
 * left the per-connection bars never drawn.
 */
final class LiveCharts {
    private static final int CHARTS = 5;
    private final MarkedLineChart memoryChart;
    private final MarkedLineChart watchedChart;
    private final MarkedLineChart buffersChart;
    private final MarkedLineChart encoderChart;
    private final MarkedLineChart encoderRateChart;
    private final BarChart<String, Number> connectionsChart;
    private final NumberAxis capacityAxis;
    private final XYChart.Series<String, Number> capacity = new XYChart.Series<>();
    private final XYChart.Series<String, Number> highWater = new XYChart.Series<>();
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

    LiveCharts(MarkedLineChart memoryChart, MarkedLineChart watchedChart, MarkedLineChart buffersChart,
               MarkedLineChart encoderChart, MarkedLineChart encoderRateChart, BarChart<String, Number> connectionsChart,
               NumberAxis capacityAxis) {
        this.memoryChart = memoryChart;
        this.watchedChart = watchedChart;
        this.buffersChart = buffersChart;
        this.encoderChart = encoderChart;
        this.encoderRateChart = encoderRateChart;
        this.connectionsChart = connectionsChart;
        this.capacityAxis = capacityAxis;
        capacityAxis.setTickLabelFormatter(Units.bytesAxis());
        capacity.setName(LiveView.CAPACITY);
        highWater.setName(LiveView.HIGH_WATER);
        connectionsChart.getData().addAll(List.of(capacity, highWater));
    }

    /** Every time chart shows {@code zoom}'s range (null: follows the window). */
    void follow(ObjectProperty<TimeRange> zoom) {
        for (MarkedLineChart c : List.of(memoryChart, watchedChart, buffersChart, encoderChart, encoderRateChart)) {
            c.follow(zoom);
        }
    }

    /** Draws every chart of {@code f} at once (the first frame). */
    void drawAll(LiveFrame f) {
        for (int chart = 0; drawChart(f, chart); chart++) {
            // all charts
        }
    }

    /** Brings the charts up to {@code f}, one per pulse, from the chart the last round had reached. */
    void stagger(LiveFrame f) {
        pending = f;
        left = CHARTS;
        drawing = true;
        stagger.start();
    }

    /** True while charts are still being brought up to the newest frame (FX thread). */
    boolean drawing() {
        return drawing;
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
                String title = LiveViewModel.connectionsTitle(f);
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
}
