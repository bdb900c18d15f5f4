package dev.plateau.ui.fleet;

import dev.plateau.fleet.InstanceResult;
import dev.plateau.fleet.Preset;
import dev.plateau.runs.Verdict;
import dev.plateau.ui.common.Units;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polyline;
import javafx.stage.FileChooser;

/**
 * Controller of {@code FleetView.fxml}: binds the query fields to {@link FleetViewModel}, shows the instances with a
 * sparkline and a coloured verdict, overlays the selected instances (memory against work) and exports CSV.
 */
public final class FleetView {
    static final int MAX_OVERLAY = 8;
    private static final double SPARK_W = 110;
    private static final double SPARK_H = 18;

    private final FleetViewModel model;
    @FXML private TextField urlField;
    @FXML private ComboBox<Preset> presetChoice;
    @FXML private TextField memoryField;
    @FXML private TextField workField;
    @FXML private TextField byField;
    @FXML private TextField rangeField;
    @FXML private TextField stepField;
    @FXML private TextField thresholdField;
    @FXML private CheckBox importBox;
    @FXML private Button runButton;
    @FXML private Button cancelButton;
    @FXML private Button exportButton;
    @FXML private ProgressBar progress;
    @FXML private Label status;
    @FXML private Label error;
    @FXML private TableView<InstanceResult> table;
    @FXML private TableColumn<InstanceResult, String> instanceColumn;
    @FXML private TableColumn<InstanceResult, InstanceResult> sparkColumn;
    @FXML private TableColumn<InstanceResult, String> segmentsColumn;
    @FXML private TableColumn<InstanceResult, Number> samplesColumn;
    @FXML private TableColumn<InstanceResult, Number> peakColumn;
    @FXML private TableColumn<InstanceResult, Number> finalColumn;
    @FXML private TableColumn<InstanceResult, Number> slopeColumn;
    @FXML private TableColumn<InstanceResult, Verdict> verdictColumn;
    @FXML private LineChart<Number, Number> overlay;
    @FXML private NumberAxis overlayX;

    public FleetView(FleetViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @FXML
    private void initialize() {
        urlField.textProperty().bindBidirectional(model.url());
        presetChoice.setItems(FXCollections.observableArrayList(Preset.values()));
        presetChoice.valueProperty().bindBidirectional(model.preset());
        memoryField.textProperty().bindBidirectional(model.memory());
        workField.textProperty().bindBidirectional(model.work());
        byField.textProperty().bindBidirectional(model.by());
        rangeField.textProperty().bindBidirectional(model.range());
        stepField.textProperty().bindBidirectional(model.step());
        thresholdField.textProperty().bindBidirectional(model.threshold());
        importBox.selectedProperty().bindBidirectional(model.importRuns());
        runButton.disableProperty().bind(model.runningProperty());
        cancelButton.disableProperty().bind(model.runningProperty().not());
        exportButton.disableProperty().bind(model.runningProperty().or(javafx.beans.binding.Bindings.isEmpty(model.rows())));
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.runningProperty());
        status.textProperty().bind(model.statusProperty());
        error.textProperty().bind(model.errorProperty());
        error.getStyleClass().add("field-error");

        SortedList<InstanceResult> sorted = new SortedList<>(model.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        instanceColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        segmentsColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().segmentSummary()));
        number(samplesColumn, InstanceResult::samples, n -> Units.count(n.doubleValue()));
        number(peakColumn, InstanceResult::peak, n -> Units.bytes(n.doubleValue()));
        number(finalColumn, InstanceResult::finalValue, n -> Units.bytes(n.doubleValue()));
        number(slopeColumn, InstanceResult::slope, n -> Double.isNaN(n.doubleValue()) ? "-"
                : String.format(Locale.ROOT, "%,.1f", n.doubleValue()));
        slopeColumn.setSortType(TableColumn.SortType.DESCENDING);
        sparkColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        sparkColumn.setCellFactory(c -> new SparkCell());
        sparkColumn.setSortable(false);
        verdictColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().verdict()));
        verdictColumn.setCellFactory(c -> new VerdictCell());
        overlay.setAnimated(false);
        overlay.setCreateSymbols(false);
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<InstanceResult>) ch -> drawOverlay());
        model.rows().addListener((ListChangeListener<InstanceResult>) ch -> {
            if (!model.rows().isEmpty()) {
                table.getSelectionModel().clearAndSelect(0);
                slopeColumn.setText("slope (" + model.rows().get(0).unit() + ")");
            }
        });
    }

    private void drawOverlay() {
        List<InstanceResult> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        overlay.getData().clear();
        for (InstanceResult r : selected.subList(0, Math.min(MAX_OVERLAY, selected.size()))) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(r.name() + " — " + r.verdict().label());
            for (int i = 0; i < r.x().length; i++) {
                s.getData().add(new XYChart.Data<>(r.x()[i], r.y()[i] / 1e6));
            }
            overlay.getData().add(s);
        }
        if (!selected.isEmpty()) {
            overlayX.setLabel(selected.get(0).unit().equals("B/s") ? "elapsed (s)" : "records since start");
        }
    }

    @FXML
    private void run() {
        model.run();
    }

    @FXML
    private void cancel() {
        model.cancel();
    }

    @FXML
    private void exportCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("fleet.csv");
        File file = chooser.showSaveDialog(table.getScene().getWindow());
        if (file != null) {
            model.exportCsv(file.toPath());
        }
    }

    private static void number(TableColumn<InstanceResult, Number> column, Function<InstanceResult, Number> value,
                               Function<Number, String> format) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        });
        column.getStyleClass().add("numeric");
    }

    /** The instance's memory over its history, scaled into a small box. */
    private static final class SparkCell extends TableCell<InstanceResult, InstanceResult> {
        @Override
        protected void updateItem(InstanceResult r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null || r.x().length < 2) {
                setGraphic(null);
                return;
            }
            double[] x = r.x();
            double[] y = r.y();
            double minY = Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (double v : y) {
                minY = Math.min(minY, v);
                maxY = Math.max(maxY, v);
            }
            double spanX = Math.max(1e-9, x[x.length - 1] - x[0]);
            double spanY = Math.max(1e-9, maxY - minY);
            Polyline line = new Polyline();
            for (int i = 0; i < x.length; i++) {
                line.getPoints().addAll((x[i] - x[0]) / spanX * SPARK_W, SPARK_H - (y[i] - minY) / spanY * SPARK_H);
            }
            line.setStroke(r.verdict() == Verdict.GROWING ? Color.web("#d32f2f") : Color.web("#2e7d32"));
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
            String colour = v == Verdict.GROWING ? "#d32f2f" : v == Verdict.PLATEAU ? "#2e7d32" : "#757575";
            badge.setStyle("-fx-background-color: " + colour + "; -fx-text-fill: white; -fx-font-weight: bold;"
                    + " -fx-padding: 0 6 0 6; -fx-background-radius: 3;");
            setGraphic(badge);
            if (v == Verdict.PLATEAU) {
                getStyleClass().add("verdict-plateau");
            } else if (v == Verdict.GROWING) {
                getStyleClass().add("verdict-growing");
            }
        }
    }

    public TableView<InstanceResult> table() {
        return table;
    }

    public LineChart<Number, Number> overlay() {
        return overlay;
    }
}
