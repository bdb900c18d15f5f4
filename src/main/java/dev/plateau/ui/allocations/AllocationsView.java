package dev.plateau.ui.allocations;

import dev.plateau.allocations.At;
import dev.plateau.ui.common.Views;
import java.io.File;
import java.nio.file.Path;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;
import javafx.stage.DirectoryChooser;

/**
 * Controller of {@code AllocationsView.fxml}: two runs side by side, each a table of sites (held at the end, at the
 * peak, calls, function, location, what the other run holds there), the stack of the selected site, and an icicle
 * graph of the held memory. Binds to {@link AllocationsViewModel} only; the tables and charts are
 * {@link AllocationsTables}.
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
        bind(model.a(), runA, headlineA, tableA, stackA, flameA, chartA);
        bind(model.b(), runB, headlineB, tableB, stackB, flameB, chartB);
        atGroup.selectedToggleProperty().addListener((obs, o, t) -> model.atProperty().set(t == atPeak ? At.PEAK : At.END));
        status.textProperty().bind(model.statusProperty());
        model.refreshRuns();
    }

    private void bind(AllocationsViewModel.Side side, ComboBox<Path> choice, Label headline, TableView<SiteRow> table,
                      TextArea stack, FlameGraph flame, LineChart<Number, Number> chart) {
        choice.setItems(model.runs());
        choice.setConverter(Views.fileNames());
        choice.valueProperty().bindBidirectional(side.dirProperty());
        headline.textProperty().bind(side.headlineProperty());
        AllocationsTables.sites(table, side.rows());
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, row) -> side.select(row));
        stack.textProperty().bind(side.stackProperty());
        side.flameProperty().addListener((obs, o, tree) -> flame.show(tree));
        side.selectedFunctionProperty().addListener((obs, o, f) -> flame.highlight(f));
        side.curvesProperty().addListener((obs, o, c) -> AllocationsTables.draw(chart, c));
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
            model.openFolder(dir.toPath());
        }
    }

    /** Shows run folders in A and B (for the console's callers and tests). */
    public void show(Path a, Path b) {
        model.show(a, b);
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
