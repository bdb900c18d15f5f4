package dev.plateau.ui.compare;

import dev.plateau.runs.Alignment;
import dev.plateau.runs.RunInfo;
import dev.plateau.runs.RunStats;
import dev.plateau.ui.common.FileDialogs;
import dev.plateau.ui.common.Views;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableView;

/**
 * Controller of {@code CompareView.fxml}: the metric and alignment, the run list and the overlay chart; the
 * experiment bar ({@link ExperimentBar}) and the verdict table ({@link CompareTable}) are their own controllers.
 */
public final class CompareView {
    private final CompareViewModel model;
    private final ExperimentViewModel experiment;
    @FXML private ComboBox<String> metricChoice;
    @FXML private RadioButton byRequests;
    @FXML private RadioButton byElapsed;
    @FXML private Button compareExportButton;
    @FXML private Label message;
    @FXML private ListView<RunInfo> runList;
    @FXML private OverlayChart overlayChart;
    @FXML private CompareTable compareTableController;

    public CompareView(CompareViewModel model, ExperimentViewModel experiment) {
        this.model = Objects.requireNonNull(model, "model");
        this.experiment = Objects.requireNonNull(experiment, "experiment");
    }

    @FXML
    private void initialize() {
        metricChoice.getItems().setAll(CompareViewModel.METRICS);
        metricChoice.valueProperty().bindBidirectional(model.metricProperty());
        byRequests.setSelected(model.alignmentProperty().get() == Alignment.REQUESTS);
        byElapsed.setSelected(model.alignmentProperty().get() == Alignment.ELAPSED);
        byElapsed.selectedProperty().addListener((obs, o, on) -> model.alignmentProperty().set(on ? Alignment.ELAPSED : Alignment.REQUESTS));
        message.textProperty().bind(model.messageProperty());
        model.messageErrorProperty().addListener((obs, o, err) -> message.pseudoClassStateChanged(Views.ERROR, err));
        compareExportButton.disableProperty().bind(model.comparisonProperty().isNull());
        runList.setItems(model.runs());
        runList.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(RunInfo run, boolean empty) {
                super.updateItem(run, empty);
                setText(empty || run == null ? null : CompareViewModel.describe(run));
            }
        });
        model.followSelection(runList.getSelectionModel().getSelectedItems(), runs -> {
            runList.getSelectionModel().clearSelection();
            runs.forEach(runList.getSelectionModel()::select);
        });
        model.alignmentProperty().addListener((obs, o, a) -> overlayChart.align(a == Alignment.ELAPSED));
        overlayChart.align(model.alignmentProperty().get() == Alignment.ELAPSED);
        model.overlayProperty().addListener((obs, o, lines) -> overlayChart.show(model.metricProperty().get(), lines));
        overlayChart.show(model.metricProperty().get(), model.overlayProperty().get());
        model.reload();
    }

    @FXML
    private void reload() {
        model.reload();
        experiment.refreshScenarios();
    }

    @FXML
    private void exportCsv() {
        FileDialogs.directory(runList.getScene().getWindow(), "Export the comparison table and the aligned series as CSV into",
                dir -> model.exportCsv(dir.toPath()));
    }

    /** The overlay chart and table (what docs/compare.png shows). */
    public Node content() {
        return overlayChart.getParent();
    }

    public TableView<RunStats> statsTable() {
        return compareTableController.table();
    }

    public OverlayChart overlayChart() {
        return overlayChart;
    }
}
