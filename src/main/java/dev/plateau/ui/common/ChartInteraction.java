package dev.plateau.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * What users of VisualVM, Mission Control and Grafana expect of a time chart: drag to zoom into a time range
 * (every chart sharing {@code zoom} follows), scroll or ←/→ to pan, double-click or Esc to go back to the live
 * window, and a crosshair that reads every series' value at the pointer's instant.
 *
 * <p>Used by the Live tab's time charts and the Compare overlay (whose x may also be requests since the run
 * started: {@code xFormat} says how the crosshair prints it).
 *
 * <pre>{@code
 * ChartInteraction.attach(chart, chart.plotChildren(), yFormat, Units::elapsed, sharedZoom);   // null = not zoomed
 * }</pre>
 */
public final class ChartInteraction {
    private static final double MIN_DRAG_PX = 5;
    private final XYChart<Number, Number> chart;
    private final Function<Number, String> yFormat;
    private final Function<Double, String> xFormat;
    private final ObjectProperty<TimeRange> zoom;
    private final Rectangle selection = new Rectangle();
    private final Line crosshair = new Line();
    private final Label readout = new Label();
    /** Where a drag started, in elapsed seconds (the axis may move while dragging), or NaN. */
    private double dragStart = Double.NaN;

    /** A zoomed range of the x axis (elapsed seconds, or requests on the Compare overlay). */
    public record TimeRange(double from, double to) {
        /** The same width moved by {@code fraction} of it, never before 0. */
        public TimeRange shift(double fraction) {
            double d = (to - from) * fraction;
            return new TimeRange(Math.max(0, from + d), Math.max(0, from + d) + (to - from));
        }
    }

    private ChartInteraction(XYChart<Number, Number> chart, List<Node> overlay, Function<Number, String> yFormat,
            Function<Double, String> xFormat, ObjectProperty<TimeRange> zoom) {
        this.chart = chart;
        this.zoom = zoom;
        this.yFormat = yFormat;
        this.xFormat = xFormat;
        for (Node n : List.of(selection, crosshair, readout)) {
            n.setManaged(false);
            n.setVisible(false);
            n.setMouseTransparent(true);
        }
        selection.getStyleClass().add("zoom-selection");
        crosshair.getStyleClass().add("crosshair");
        readout.getStyleClass().add("crosshair-readout");
        overlay.addAll(List.of(selection, crosshair, readout));
    }

    /**
     * Turns on drag-to-zoom, pan, reset and the crosshair on {@code chart}; {@code overlay} is the chart's plot
     * children (where the selection and crosshair are drawn), {@code yFormat} and {@code xFormat} how the readout
     * prints values and the instant, {@code zoom} the range shared with other charts (null: not zoomed).
     */
    public static void attach(XYChart<Number, Number> chart, List<Node> overlay, Function<Number, String> yFormat,
            Function<Double, String> xFormat, ObjectProperty<TimeRange> zoom) {
        ChartInteraction i = new ChartInteraction(chart, overlay, yFormat, xFormat, zoom);
        chart.setFocusTraversable(true);
        chart.addEventHandler(MouseEvent.MOUSE_PRESSED, i::pressed);
        chart.addEventHandler(MouseEvent.MOUSE_DRAGGED, i::dragged);
        chart.addEventHandler(MouseEvent.MOUSE_RELEASED, i::released);
        chart.addEventHandler(MouseEvent.MOUSE_MOVED, i::moved);
        chart.addEventHandler(MouseEvent.MOUSE_EXITED, e -> i.hideCrosshair());
        chart.setOnScroll(e -> i.pan(e.getDeltaY() > 0 || e.getDeltaX() > 0 ? -0.1 : 0.1));
        chart.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.LEFT) {
                i.pan(-0.1);
            } else if (e.getCode() == KeyCode.RIGHT) {
                i.pan(0.1);
            } else if (e.getCode() == KeyCode.ESCAPE) {
                zoom.set(null);
            }
        });
    }

    private NumberAxis x() {
        return (NumberAxis) chart.getXAxis();
    }

    /** The pointer in plot coordinates (the axes' display positions), or null outside the plot area. */
    private Point2D plot(MouseEvent e) {
        Node area = chart.lookup(".chart-plot-background");
        if (area == null) {
            return null;
        }
        Point2D p = area.sceneToLocal(e.getSceneX(), e.getSceneY());
        return area.getLayoutBounds().contains(p) ? p : null;
    }

    private void pressed(MouseEvent e) {
        chart.requestFocus();
        Point2D p = plot(e);
        if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
            zoom.set(null);
        } else if (e.getButton() == MouseButton.PRIMARY && p != null) {
            dragStart = x().getValueForDisplay(p.getX()).doubleValue();
        }
    }

    private void dragged(MouseEvent e) {
        Point2D p = plot(e);
        if (Double.isNaN(dragStart) || p == null) {
            return;
        }
        double start = x().getDisplayPosition(dragStart);
        selection.setX(Math.min(start, p.getX()));
        selection.setWidth(Math.abs(p.getX() - start));
        selection.setY(0);
        selection.setHeight(chart.getYAxis().getHeight());
        selection.setVisible(true);
    }

    private void released(MouseEvent e) {
        Point2D p = plot(e);
        selection.setVisible(false);
        if (!Double.isNaN(dragStart) && p != null && Math.abs(p.getX() - x().getDisplayPosition(dragStart)) >= MIN_DRAG_PX) {
            double a = dragStart;
            double b = x().getValueForDisplay(p.getX()).doubleValue();
            zoom.set(new TimeRange(Math.max(0, Math.min(a, b)), Math.max(a, b)));
        }
        dragStart = Double.NaN;
    }

    private void pan(double fraction) {
        TimeRange now = zoom.get() != null ? zoom.get() : new TimeRange(x().getLowerBound(), x().getUpperBound());
        zoom.set(now.shift(fraction));
    }

    private void moved(MouseEvent e) {
        Point2D p = plot(e);
        if (p == null) {
            hideCrosshair();
            return;
        }
        double t = x().getValueForDisplay(p.getX()).doubleValue();
        crosshair.setStartX(p.getX());
        crosshair.setEndX(p.getX());
        crosshair.setStartY(0);
        crosshair.setEndY(chart.getYAxis().getHeight());
        readout.setText(readout(chart.getData(), xFormat.apply(t), t, yFormat));
        readout.applyCss();
        double w = readout.prefWidth(-1);
        readout.resizeRelocate(p.getX() + w + 12 > x().getWidth() ? p.getX() - w - 6 : p.getX() + 6,
                Math.max(0, p.getY() - readout.prefHeight(-1) - 6), w, readout.prefHeight(-1));
        // an unmanaged label whose size did not change is not laid out again: its skin would keep the old text
        readout.layout();
        crosshair.setVisible(true);
        readout.setVisible(true);
    }

    private void hideCrosshair() {
        crosshair.setVisible(false);
        readout.setVisible(false);
    }

    /** {@code instant} ("1:05 min") then one line per series: its name and its value at the point nearest to {@code t}. */
    public static String readout(List<XYChart.Series<Number, Number>> series, String instant, double t,
            Function<Number, String> format) {
        List<String> lines = new ArrayList<>();
        lines.add(instant);
        for (XYChart.Series<Number, Number> s : series) {
            XYChart.Data<Number, Number> best = null;
            for (XYChart.Data<Number, Number> d : s.getData()) {
                if (best == null || Math.abs(d.getXValue().doubleValue() - t) < Math.abs(best.getXValue().doubleValue() - t)) {
                    best = d;
                }
            }
            if (best != null) {
                lines.add(s.getName() + ": " + format.apply(best.getYValue()));
            }
        }
        return String.join("\n", lines);
    }
}
