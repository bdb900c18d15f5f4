package dev.plateau.ui.allocations;

import dev.plateau.allocations.At;
import java.io.File;
import java.nio.file.Path;
import java.util.Objects;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;

/**
 * Controller of {@code AllocationsView.fxml}: two runs side by side, each a table of sites (held at the end, at the
 * peak, calls, function, location, what the other run holds there), the stack of the selected site, and an icicle
 * graph of the held memory. Binds to {@link AllocationsViewModel} only.
 */
public final class AllocationsView {
    private final AllocationsViewModel model;
    @FXML private ComboBox<Path> runA;
    @FXML private ComboBox<Path> runB;
    @FXML private RadioButton atEnd;
    @FXML private RadioButton atPeak;
    @FXML private ToggleGroup atGroup;
    @FXML private Label status;
    @FXML private Label headlineA;
    @FXML private Label headlineB;
    @FXML private TableView<SiteRow> tableA;
    @FXML private TableView<SiteRow> tableB;
    @FXML private TextArea stackA;
    @FXML private TextArea stackB;
    @FXML private FlameGraph flameA;
    @FXML private FlameGraph flameB;
    @FXML private LineChart<Number, Number> chartA;
    @FXML private LineChart<Number, Number> chartB;

    public AllocationsView(AllocationsViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @FXML
    private void initialize() {
        StringConverter<Path> names = new StringConverter<>() {
            @Override
            public String toString(Path p) {
                return p == null ? "" : p.getFileName().toString();
            }

            @Override
            public Path fromString(String s) {
                return null;
            }
        };
        bind(model.a(), runA, names, headlineA, tableA, stackA, flameA);
        bind(model.b(), runB, names, headlineB, tableB, stackB, flameB);
        model.a().curvesProperty().addListener((obs, o, c) -> draw(chartA, c));
        model.b().curvesProperty().addListener((obs, o, c) -> draw(chartB, c));
        atGroup.selectedToggleProperty().addListener((obs, o, t) -> model.atProperty().set(t == atPeak ? At.PEAK : At.END));
        status.textProperty().bind(model.statusProperty());
        model.refreshRuns();
    }

    private void bind(AllocationsViewModel.Side side, ComboBox<Path> choice, StringConverter<Path> names, Label headline,
                      TableView<SiteRow> table, TextArea stack, FlameGraph flame) {
        choice.setItems(model.runs());
        choice.setConverter(names);
        choice.valueProperty().bindBidirectional(side.dirProperty());
        headline.textProperty().bind(side.headlineProperty());
        table.setItems(side.rows());
        table.getColumns().setAll(List.of(
                column("held at end", r -> AllocationsViewModel.mb(r.site().heldBytes()), 80),
                column("at peak", r -> AllocationsViewModel.mb(r.site().peakBytes()), 75),
                column("calls", r -> String.format(java.util.Locale.ROOT, "%,d", r.site().calls()), 60),
                column("site", SiteRow::function, 210),
                column("location", SiteRow::location, 190),
                column("other run", SiteRow::other, 90)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, row) -> side.select(row));
        stack.textProperty().bind(side.stackProperty());
        side.flameProperty().addListener((obs, o, tree) -> flame.show(tree));
        side.selectedFunctionProperty().addListener((obs, o, f) -> flame.highlight(f));
    }

    /** RSS against live heap (the gap: freed memory the allocator kept) and the top held site, in MB over seconds. */
    private static void draw(LineChart<Number, Number> chart, Curves c) {
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

    @FXML
    private void refresh() {
        model.refreshRuns();
    }

    @FXML
    private void openFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a run folder recorded under heaptrack");
        File dir = chooser.showDialog(tableA.getScene().getWindow());
        if (dir != null) {
            Path p = dir.toPath();
            if (!model.runs().contains(p)) {
                model.runs().add(p);
            }
            (runA.getValue() == null ? runA : runB).setValue(p);
        }
    }

    /** Shows run folders in A and B (for the console's callers and tests). */
    public void show(Path a, Path b) {
        for (Path p : new Path[] {a, b}) {
            if (p != null && !model.runs().contains(p)) {
                model.runs().add(p);
            }
        }
        runA.setValue(a);
        runB.setValue(b);
    }

    TableView<SiteRow> tableA() {
        return tableA;
    }

    TableView<SiteRow> tableB() {
        return tableB;
    }

    FlameGraph flameA() {
        return flameA;
    }
}
