package dev.plateau.ui.compare;

import dev.plateau.ui.common.ChartInteraction;
import dev.plateau.ui.common.ChartInteraction.TimeRange;
import dev.plateau.ui.common.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.NamedArg;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.chart.Axis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * The Compare overlay: the runs' lines of one metric on requests or elapsed time, zoomable like the Live charts
 * ({@link ChartInteraction}: drag a range, scroll or ←/→ to pan, double-click or Esc for all, crosshair). Its
 * x axis shows the zoomed range, else every run (elapsed time on whole time steps, requests auto-ranged); with no
 * run selected both axes are fixed (0–1 MB) instead of the 0–110 an empty auto-ranged axis shows.
 */
public final class OverlayChart extends LineChart<Number, Number> {
    private final ObjectProperty<TimeRange> zoom = new SimpleObjectProperty<>(this, "zoom");
    private boolean elapsed;
    private double maxX;
    private String title = "";

    public OverlayChart(@NamedArg("xAxis") Axis<Number> xAxis, @NamedArg("yAxis") Axis<Number> yAxis) {
        super(xAxis, yAxis);
        y().setTickLabelFormatter(Units.bytesAxis());
        ChartInteraction.attach(this, getPlotChildren(), y().getTickLabelFormatter()::toString,
                t -> elapsed ? Units.elapsed(t) : String.format(Locale.ROOT, "%,.0f requests", t), zoom);
        zoom.addListener((obs, o, z) -> rangeX());
    }

    private NumberAxis x() {
        return (NumberAxis) getXAxis();
    }

    private NumberAxis y() {
        return (NumberAxis) getYAxis();
    }

    /** Relabels the x axis for elapsed time or requests; the zoom is reset (its range was in the other unit). */
    void align(boolean byElapsed) {
        elapsed = byElapsed;
        zoom.set(null);
        x().setTickLabelFormatter(byElapsed ? Units.elapsedAxis() : Units.countAxis());
        x().setLabel(byElapsed ? "elapsed since the run started" : "requests since the run started");
        rangeX();
    }

    /** Draws {@code lines} of {@code metric}. */
    void show(String metric, List<CompareViewModel.Overlay> lines) {
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        for (CompareViewModel.Overlay line : lines) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(line.name());
            for (int i = 0; i < line.x().length; i++) {
                s.getData().add(new XYChart.Data<>(line.x()[i], line.y()[i]));
            }
            all.add(s);
        }
        getData().setAll(all);
        y().setAutoRanging(!lines.isEmpty());
        if (lines.isEmpty()) {
            y().setLowerBound(0);
            y().setUpperBound(1_000_000);
            y().setTickUnit(200_000);
        }
        maxX = lines.stream().mapToDouble(l -> l.x().length == 0 ? 0 : l.x()[l.x().length - 1]).max().orElse(0);
        title = metric + " — " + (lines.isEmpty() ? "select runs on the left" : lines.size() + " run(s)");
        rangeX();
    }

    private void rangeX() {
        TimeRange z = zoom.get();
        if (z != null) {
            x().setAutoRanging(false);
            x().setLowerBound(z.from());
            x().setUpperBound(z.to());
            x().setTickUnit(elapsed ? Units.niceTimeStep(z.to() - z.from()) : niceStep(z.to() - z.from()));
            setTitle(title + " · zoomed (double-click or Esc: all)");
            return;
        }
        setTitle(title);
        boolean fixed = elapsed && maxX > 0;
        x().setAutoRanging(!fixed);
        if (fixed) {
            double step = Units.niceTimeStep(maxX);
            x().setLowerBound(0);
            x().setUpperBound(Math.ceil(maxX / step) * step);
            x().setTickUnit(step);
        }
    }

    /** 1, 2 or 5 times a power of ten, about a tenth of {@code span}. */
    static double niceStep(double span) {
        double raw = Math.max(span, 1e-9) / 10;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
    }

    /** Zooms the x axis to {@code from}–{@code to}, as a drag does. */
    public void zoomTo(double from, double to) {
        zoom.set(new TimeRange(from, to));
    }

    public void resetZoom() {
        zoom.set(null);
    }
}
