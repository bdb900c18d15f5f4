package dev.plateau.ui.fleet;

import dev.plateau.fleet.InstanceResult;
import dev.plateau.fleet.Preset;
import dev.plateau.runs.Verdict;
import java.io.File;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;

/**
 * Controller of {@code FleetView.fxml}: binds the query fields to {@link FleetViewModel}, shows the instances with a
 * sparkline and a coloured verdict, overlays the selected instances (memory against work) and exports CSV.
 *
 * <p>Over 100 lines because the view has 26 nodes to wire (a field line each); the table's columns and cells and the
 * overlay's lines are {@link FleetCells}, their texts, colours and points {@link FleetViewModel}.
 */
public final class FleetView {
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
        exportButton.disableProperty().bind(model.runningProperty().or(Bindings.isEmpty(model.rows())));
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.runningProperty());
        status.textProperty().bind(model.statusProperty());
        error.textProperty().bind(model.errorProperty());
        error.getStyleClass().add("field-error");

        FleetCells.table(table, model.rows(), instanceColumn, sparkColumn, segmentsColumn, samplesColumn, peakColumn,
                finalColumn, slopeColumn, verdictColumn);
        FleetCells.overlay(table, overlay, overlayX);
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

    public TableView<InstanceResult> table() {
        return table;
    }

    public LineChart<Number, Number> overlay() {
        return overlay;
    }
}
