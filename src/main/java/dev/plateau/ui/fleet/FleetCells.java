package dev.plateau.ui.fleet;

import dev.plateau.fleet.InstanceResult;
import dev.plateau.runs.Verdict;
import dev.plateau.ui.common.Units;
import dev.plateau.ui.common.Views;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polyline;

/**
 * The Fleet table's columns and cells and the overlay's lines, out of {@link FleetView} so the controller only
 * wires: numbers sort raw and show formatted, the memory column draws a sparkline, the verdict a coloured badge, the
 * overlay follows the selection. Their texts, colours and points come from {@link FleetViewModel}.
 */
final class FleetCells {
    private static final double SPARK_W = 110;
    private static final double SPARK_H = 18;

    private FleetCells() {
    }

    /**
     * Fills the table: the rows sorted by the clicked header, several selectable, each column's value and cell; when
     * a run's rows arrive the first is selected and the slope header names their unit.
     */
    static void table(TableView<InstanceResult> table, ObservableList<InstanceResult> rows,
                      TableColumn<InstanceResult, String> instance, TableColumn<InstanceResult, InstanceResult> spark,
                      TableColumn<InstanceResult, String> segments, TableColumn<InstanceResult, Number> samples,
                      TableColumn<InstanceResult, Number> peak, TableColumn<InstanceResult, Number> last,
                      TableColumn<InstanceResult, Number> slope, TableColumn<InstanceResult, Verdict> verdict) {
        SortedList<InstanceResult> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        instance.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        segments.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().segmentSummary()));
        Views.numberColumn(samples, InstanceResult::samples, n -> Units.count(n.doubleValue()));
        Views.numberColumn(peak, InstanceResult::peak, n -> Units.bytes(n.doubleValue()));
        Views.numberColumn(last, InstanceResult::finalValue, n -> Units.bytes(n.doubleValue()));
        Views.numberColumn(slope, InstanceResult::slope, n -> FleetViewModel.slope(n.doubleValue()));
        slope.setSortType(TableColumn.SortType.DESCENDING);
        spark.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        spark.setCellFactory(c -> new SparkCell());
        spark.setSortable(false);
        verdict.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().verdict()));
        verdict.setCellFactory(c -> new VerdictCell());
        rows.addListener((ListChangeListener<InstanceResult>) ch -> {
            if (!rows.isEmpty()) {
                table.getSelectionModel().clearAndSelect(0);
                slope.setText(FleetViewModel.slopeHeader(rows.get(0).unit()));
            }
        });
    }

    /** Keeps the overlay drawing the table's selection (the first {@link FleetViewModel#MAX_OVERLAY}), memory in MB. */
    static void overlay(TableView<InstanceResult> table, LineChart<Number, Number> chart, NumberAxis x) {
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<InstanceResult>) ch ->
                draw(chart, x, table.getSelectionModel().getSelectedItems()));
    }

    private static void draw(LineChart<Number, Number> chart, NumberAxis x, List<InstanceResult> selection) {
        List<InstanceResult> shown = FleetViewModel.overlaid(selection);
        chart.getData().clear();
        for (InstanceResult r : shown) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(FleetViewModel.overlayName(r));
            for (int i = 0; i < r.x().length; i++) {
                s.getData().add(new XYChart.Data<>(r.x()[i], r.y()[i] / 1e6));
            }
            chart.getData().add(s);
        }
        if (!shown.isEmpty()) {
            x.setLabel(FleetViewModel.overlayAxis(shown.get(0).unit()));
        }
    }

    /** The instance's memory over its history, scaled into a small box. */
    private static final class SparkCell extends TableCell<InstanceResult, InstanceResult> {
        @Override
        protected void updateItem(InstanceResult r, boolean empty) {
            super.updateItem(r, empty);
            double[] points = empty || r == null ? null : FleetViewModel.sparkline(r.x(), r.y(), SPARK_W, SPARK_H);
            if (points == null) {
                setGraphic(null);
                return;
            }
            Polyline line = new Polyline(points);
            line.setStroke(Color.web(FleetViewModel.lineColour(r.verdict())));
            line.setStrokeWidth(1.2);
            setGraphic(line);
        }
    }

    /** The verdict as a coloured badge (readable on a selected row too); the cell keeps the verdict style class. */
    private static final class VerdictCell extends TableCell<InstanceResult, Verdict> {
        @Override
        protected void updateItem(Verdict v, boolean empty) {
            super.updateItem(v, empty);
            getStyleClass().removeAll("verdict-plateau", "verdict-growing");
            setText(null);
            if (empty || v == null) {
                setGraphic(null);
                return;
            }
            Label badge = new Label(v.label());
            badge.setStyle("-fx-background-color: " + FleetViewModel.badgeColour(v) + "; -fx-text-fill: white;"
                    + " -fx-font-weight: bold; -fx-padding: 0 6 0 6; -fx-background-radius: 3;");
            setGraphic(badge);
            String style = FleetViewModel.verdictStyle(v);
            if (style != null) {
                getStyleClass().add(style);
            }
        }
    }
}
