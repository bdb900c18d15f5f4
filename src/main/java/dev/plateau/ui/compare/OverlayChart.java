package dev.plateau.ui.compare;

import java.util.List;
import javafx.beans.NamedArg;
import javafx.scene.Node;
import javafx.scene.chart.Axis;
import javafx.scene.chart.LineChart;

/** The Compare overlay: a line chart whose plot area takes the zoom selection and the crosshair. */
public final class OverlayChart extends LineChart<Number, Number> {
    public OverlayChart(@NamedArg("xAxis") Axis<Number> xAxis, @NamedArg("yAxis") Axis<Number> yAxis) {
        super(xAxis, yAxis);
    }

    /** Nodes drawn over the plot (selection, crosshair). */
    List<Node> overlay() {
        return getPlotChildren();
    }
}
