package dev.plateau.ui.live;

import dev.plateau.ui.common.ChartInteraction;
import dev.plateau.ui.common.ChartInteraction.TimeRange;
import dev.plateau.ui.common.Units;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.NamedArg;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Line;
import javafx.util.StringConverter;

/**
 * A time-series {@link LineChart} (x = elapsed seconds) with labelled vertical markers for policy switches,
 * bursts and runs. Markers live in the plot area and are placed in {@link #layoutPlotChildren()} with
 * {@code getXAxis().getDisplayPosition(x)}, so they follow the axis when the window scrolls. Animation and
 * symbols are off; the x axis is ranged by the caller, the y axis auto-ranges from 0 with human tick labels.
 *
 * <pre>{@code
 * MarkedLineChart chart = MarkedLineChart.bytes("Memory");
 * chart.show(frame.xMin(), frame.xMax(), frame.memory(), frame.markers());
 * }</pre>
 */
public final class MarkedLineChart extends LineChart<Number, Number> {
    public static final String BYTES_LABEL = "bytes (decimal)";

    private final List<Line> lines = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();
    private final List<LiveFrame.Marker> markers = new ArrayList<>();
    private static final int LABEL_ROWS = 3;
    private static final double MIN_GAP_PX = 24;
    private ObjectProperty<TimeRange> zoom;
    private double frameMin;
    private double frameMax = 60;

    /** For FXML: {@code <MarkedLineChart title="Memory" unit="bytes"/>}; any other unit is a count axis labelled with it. */
    public MarkedLineChart(@NamedArg("title") String title, @NamedArg(value = "unit", defaultValue = "bytes") String unit) {
        this(title, "bytes".equals(unit) ? BYTES_LABEL : unit, "bytes".equals(unit) ? Units.bytesAxis() : Units.countAxis());
    }

    public MarkedLineChart(String title, String yLabel, StringConverter<Number> yFormat) {
        super(timeAxis(), new NumberAxis());
        setTitle(title);
        setAnimated(false);
        setCreateSymbols(false);
        getYAxis().setLabel(yLabel);
        getYAxis().setAnimated(false);
        ((NumberAxis) getYAxis()).setTickLabelFormatter(yFormat);
        ((NumberAxis) getYAxis()).setForceZeroInRange(true);
        getStyleClass().add("marked-chart");
        setLegendVisible(true);
    }

    /** A chart whose y axis is in decimal bytes. */
    public static MarkedLineChart bytes(String title) {
        return new MarkedLineChart(title, BYTES_LABEL, Units.bytesAxis());
    }

    /** A chart whose y axis is a count or rate. */
    public static MarkedLineChart counts(String title, String yLabel) {
        return new MarkedLineChart(title, yLabel, Units.countAxis());
    }

    private static NumberAxis timeAxis() {
        NumberAxis x = new NumberAxis();
        x.setAutoRanging(false);
        x.setAnimated(false);
        x.setLabel("elapsed");
        x.setTickLabelFormatter(Units.elapsedAxis());
        x.setMinorTickVisible(false);
        return x;
    }

    /**
     * Shares a zoomed time range with other charts (null = follow the live window) and turns on drag-to-zoom,
     * scroll/←→ to pan, double-click/Esc to reset and the crosshair ({@link ChartInteraction}).
     */
    void follow(ObjectProperty<TimeRange> range) {
        zoom = range;
        ChartInteraction.attach(this, getPlotChildren(), valueFormat(), Units::elapsed, range);
        range.addListener((obs, o, r) -> range(frameMin, frameMax));
    }

    /** Replaces the data, the x range and the markers. Series are matched by name so colours stay stable. */
    public void show(double xMin, double xMax, List<LiveFrame.Line> data, List<LiveFrame.Marker> marks) {
        range(xMin, xMax);
        while (getData().size() > data.size()) {
            getData().remove(getData().size() - 1);
        }
        for (int i = 0; i < data.size(); i++) {
            LiveFrame.Line line = data.get(i);
            XYChart.Series<Number, Number> series;
            if (i < getData().size() && getData().get(i).getName().equals(line.name())) {
                series = getData().get(i);
            } else {
                series = new XYChart.Series<>();
                series.setName(line.name());
                if (i < getData().size()) {
                    getData().set(i, series);
                } else {
                    getData().add(series);
                }
            }
            update(series.getData(), line);
        }
        setMarkers(marks);
    }

    private void range(double xMin, double xMax) {
        frameMin = xMin;
        frameMax = xMax;
        TimeRange z = zoom == null ? null : zoom.get();
        double from = z == null ? xMin : z.from();
        double to = z == null ? xMax : z.to();
        NumberAxis x = (NumberAxis) getXAxis();
        double step = Units.niceTimeStep(to - from);
        x.setLowerBound(z == null ? Math.floor(from / step) * step : from);
        x.setUpperBound(z == null ? Math.ceil(to / step) * step : to);
        x.setTickUnit(step);
    }

    /** Nodes drawn over the plot (selection, crosshair). */
    List<Node> overlay() {
        return getPlotChildren();
    }

    /** How the y axis formats a value (for the crosshair). */
    Function<Number, String> valueFormat() {
        StringConverter<Number> f = ((NumberAxis) getYAxis()).getTickLabelFormatter();
        return f == null ? String::valueOf : f::toString;
    }

    /**
     * Puts the line's points into the series' data, reusing its {@link XYChart.Data} items: a value that did not
     * change is not set again, and only a difference in length adds or removes items (at the end). Replacing all
     * items instead makes the chart drop and re-index every old item and build 300 new ones per series at each refresh.
     */
    static void update(List<XYChart.Data<Number, Number>> data, LiveFrame.Line line) {
        int n = line.size();
        if (data.size() > n) {
            data.subList(n, data.size()).clear();
        }
        int keep = data.size();
        for (int p = 0; p < keep; p++) {
            XYChart.Data<Number, Number> d = data.get(p);
            if (d.getXValue().doubleValue() != line.x()[p]) {
                d.setXValue(line.x()[p]);
            }
            if (d.getYValue().doubleValue() != line.y()[p]) {
                d.setYValue(line.y()[p]);
            }
        }
        if (n > keep) {
            List<XYChart.Data<Number, Number>> more = new ArrayList<>(n - keep);
            for (int p = keep; p < n; p++) {
                more.add(new XYChart.Data<>(line.x()[p], line.y()[p]));
            }
            data.addAll(more);
        }
    }

    public void setMarkers(List<LiveFrame.Marker> marks) {
        if (marks.equals(markers)) {
            return;
        }
        markers.clear();
        markers.addAll(marks);
        while (lines.size() < marks.size()) {
            Line line = new Line();
            line.setManaged(false);
            Label label = new Label();
            label.setTooltip(new Tooltip());
            label.setManaged(false);
            lines.add(line);
            labels.add(label);
            getPlotChildren().addAll(line, label);
        }
        requestChartLayout();
    }

    /** The marker lines currently drawn (for tests). */
    public List<Line> markerLines() {
        return lines.stream().filter(Line::isVisible).toList();
    }

    /** The marker labels currently drawn (for tests): one per group of close markers. */
    public List<Label> markerLabels() {
        return labels.stream().filter(Label::isVisible).toList();
    }

    /**
     * Places one line and one label per group of close markers. Labels sit beside their line (right, or left at
     * the right edge) in one of {@value #LABEL_ROWS} rows; when a label fits in no row without overlapping, the
     * markers are grouped more coarsely and placed again, so labels never overlap and never leave their line.
     */
    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        double height = getYAxis().getHeight();
        double width = getXAxis().getWidth();
        List<MarkerGroups.Group> groups = List.of();
        double[][] placed = null;
        for (double gap = MIN_GAP_PX; gap < width * 2 && placed == null; gap *= 1.5) {
            groups = MarkerGroups.group(markers, x -> getXAxis().getDisplayPosition(x), gap);
            placed = place(groups, width);
        }
        for (int i = 0; i < lines.size(); i++) {
            boolean used = placed != null && i < groups.size() && groups.get(i).px() >= 0 && groups.get(i).px() <= width;
            lines.get(i).setVisible(used);
            labels.get(i).setVisible(used);
            if (!used) {
                continue;
            }
            MarkerGroups.Group g = groups.get(i);
            String kind = g.first().kind().name().toLowerCase(Locale.ROOT);
            Line line = lines.get(i);
            line.getStyleClass().setAll("chart-marker", "chart-marker-" + kind);
            line.setStartX(g.px());
            line.setEndX(g.px());
            line.setStartY(0);
            line.setEndY(height);
            Label label = labels.get(i);
            label.getStyleClass().setAll("label", "chart-marker-label", "chart-marker-label-" + kind);
            label.getTooltip().setText(g.detail());
            label.resizeRelocate(placed[i][0], placed[i][1], placed[i][2], placed[i][3]);
        }
    }

    /** x, y, w, h of each group's label, or null when one does not fit beside its line in any row. */
    private double[][] place(List<MarkerGroups.Group> groups, double width) {
        double[][] out = new double[groups.size()][];
        double[] rowRight = new double[LABEL_ROWS];
        Arrays.fill(rowRight, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < groups.size(); i++) {
            MarkerGroups.Group g = groups.get(i);
            Label label = labels.get(i);
            label.setText(g.label());
            double w = label.prefWidth(-1);
            double h = label.prefHeight(-1);
            if (g.px() < 0 || g.px() > width) {
                out[i] = new double[] {0, 0, w, h};
                continue;
            }
            for (int row = 0; row < LABEL_ROWS && out[i] == null; row++) {
                double right = g.px() + 3;
                double left = g.px() - w - 3;
                if (right + w <= width && right >= rowRight[row] + 4) {
                    out[i] = new double[] {right, 2 + row * (h + 1), w, h};
                } else if (left >= 0 && left >= rowRight[row] + 4) {
                    out[i] = new double[] {left, 2 + row * (h + 1), w, h};
                }
                if (out[i] != null) {
                    rowRight[row] = out[i][0] + w;
                }
            }
            if (out[i] == null) {
                return null;
            }
        }
        return out;
    }
}
