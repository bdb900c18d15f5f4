package dev.plateau.ui.allocations;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The Allocations view's site tables and curve charts, out of {@link AllocationsView} so the controller only wires:
 * the six columns of a site table, and RSS against live heap and the top held site in MB over seconds. Their texts
 * come from {@link AllocationsViewModel} and {@link SiteRow}.
 */
final class AllocationsTables {
    private AllocationsTables() {
    }

    /** One run's site table: held at the end, at the peak, calls, function, location, what the other run holds. */
    static void sites(TableView<SiteRow> table, ObservableList<SiteRow> rows) {
        table.setItems(rows);
        table.getColumns().setAll(List.of(
                column("held at end", r -> AllocationsViewModel.mb(r.site().heldBytes()), 80),
                column("at peak", r -> AllocationsViewModel.mb(r.site().peakBytes()), 75),
                column("calls", r -> AllocationsViewModel.calls(r.site().calls()), 60),
                column("site", SiteRow::function, 210),
                column("location", SiteRow::location, 190),
                column("other run", SiteRow::other, 90)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    /** RSS against live heap (the gap: freed memory the allocator kept) and the top held site, in MB over seconds. */
    static void draw(LineChart<Number, Number> chart, Curves c) {
        chart.getData().setAll(List.of(series("RSS", c.rss()), series("live heap", c.heap()),
                series(c.siteName().isEmpty() ? "top site" : c.siteName(), c.site())));
    }

    private static XYChart.Series<Number, Number> series(String name, List<double[]> points) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (double[] p : points) {
            s.getData().add(new XYChart.Data<>(p[0], p[1]));
        }
        return s;
    }

    private static TableColumn<SiteRow, String> column(String title, Function<SiteRow, String> value, double width) {
        TableColumn<SiteRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
