package dev.plateau.ui;

import dev.plateau.runs.Alignment;
import dev.plateau.runs.RunInfo;
import dev.plateau.runs.RunStats;
import dev.plateau.runs.Verdict;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;

/** Controller of {@code CompareView.fxml}: the experiment bar, the run list, the overlay chart and the verdict table. */
public final class CompareView {
    private final CompareViewModel model;
    private final ExperimentViewModel experiment;
    @FXML private ComboBox<Path> scenarioChoice;
    @FXML private CheckBox idleBox;
    @FXML private CheckBox trimBox;
    @FXML private TextField idleField;
    @FXML private Label idleError;
    @FXML private Button experimentRunButton;
    @FXML private Button experimentCancelButton;
    @FXML private ProgressBar experimentProgress;
    @FXML private Label experimentMessage;
    @FXML private ComboBox<String> metricChoice;
    @FXML private RadioButton byRequests;
    @FXML private RadioButton byElapsed;
    @FXML private Button compareExportButton;
    @FXML private Label message;
    @FXML private ListView<RunInfo> runList;
    @FXML private LineChart<Number, Number> overlayChart;
    @FXML private NumberAxis overlayX;
    @FXML private NumberAxis overlayY;
    @FXML private TableView<RunStats> statsTable;
    @FXML private TableColumn<RunStats, String> runColumn;
    @FXML private TableColumn<RunStats, Integer> samplesColumn;
    @FXML private TableColumn<RunStats, Double> peakColumn;
    @FXML private TableColumn<RunStats, Double> finalColumn;
    @FXML private TableColumn<RunStats, Double> growthColumn;
    @FXML private TableColumn<RunStats, RunStats> slopeColumn;
    @FXML private TableColumn<RunStats, Verdict> verdictColumn;
    private boolean syncing;

    public CompareView(CompareViewModel model, ExperimentViewModel experiment) {
        this.model = Objects.requireNonNull(model, "model");
        this.experiment = Objects.requireNonNull(experiment, "experiment");
    }

    @FXML
    private void initialize() {
        scenarioChoice.setItems(experiment.scenarios());
        scenarioChoice.valueProperty().bindBidirectional(experiment.scenarioProperty());
        scenarioChoice.setConverter(converter(p -> p.getFileName().toString()));
        idleBox.selectedProperty().bindBidirectional(experiment.withIdleTimeoutProperty());
        trimBox.selectedProperty().bindBidirectional(experiment.withTrimProperty());
        Views.bind(idleField, experiment.idleTimeoutField(), idleError);
        idleField.disableProperty().bind(idleBox.selectedProperty().not());
        experimentRunButton.disableProperty().bind(experiment.runningProperty());
        experimentCancelButton.disableProperty().bind(experiment.runningProperty().not());
        experimentProgress.progressProperty().bind(experiment.progressProperty());
        experimentProgress.visibleProperty().bind(experiment.runningProperty());
        experimentMessage.textProperty().bind(experiment.messageProperty());
        experimentMessage.managedProperty().bind(experimentMessage.textProperty().isNotEmpty());
        experimentMessage.visibleProperty().bind(experimentMessage.textProperty().isNotEmpty());
        experiment.messageErrorProperty().addListener((obs, o, err) -> experimentMessage.pseudoClassStateChanged(Views.ERROR, err));

        metricChoice.getItems().setAll(CompareViewModel.METRICS);
        metricChoice.valueProperty().bindBidirectional(model.metricProperty());
        byRequests.setSelected(model.alignmentProperty().get() == Alignment.REQUESTS);
        byElapsed.setSelected(model.alignmentProperty().get() == Alignment.ELAPSED);
        byElapsed.selectedProperty().addListener((obs, o, on) ->
                model.alignmentProperty().set(on ? Alignment.ELAPSED : Alignment.REQUESTS));
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
        runList.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunInfo>) c -> {
            if (!syncing) {
                syncing = true;
                model.selected().setAll(new ArrayList<>(runList.getSelectionModel().getSelectedItems()));
                syncing = false;
            }
        });
        model.selected().addListener((ListChangeListener<RunInfo>) c -> {
            if (!syncing) {
                syncing = true;
                runList.getSelectionModel().clearSelection();
                for (RunInfo r : model.selected()) {
                    runList.getSelectionModel().select(r);
                }
                syncing = false;
            }
        });

        overlayY.setTickLabelFormatter(Units.bytesAxis());
        model.alignmentProperty().addListener((obs, o, a) -> formatX(a));
        formatX(model.alignmentProperty().get());
        model.overlayProperty().addListener((obs, o, lines) -> drawOverlay(lines));

        statsTable.setItems(FXCollections.observableArrayList());
        model.statsProperty().addListener((obs, o, rows) -> statsTable.getItems().setAll(rows));
        runColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().run()));
        samplesColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().samples()));
        for (TableColumn<RunStats, ?> col : List.of(samplesColumn, peakColumn, finalColumn, growthColumn, slopeColumn)) {
            col.getStyleClass().add("numeric");
        }
        bytesColumn(peakColumn, RunStats::peak);
        bytesColumn(finalColumn, RunStats::last);
        bytesColumn(growthColumn, RunStats::growthAfterWarmup);
        slopeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        slopeColumn.setComparator((a, b) -> Double.compare(a.slope(), b.slope()));
        slopeColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(RunStats s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : Double.isNaN(s.slope()) ? "–"
                        : Units.bytes(s.slope()) + s.unit().replace("B", ""));
            }
        });
        verdictColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().verdict()));
        verdictColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Verdict v, boolean empty) {
                super.updateItem(v, empty);
                getStyleClass().removeAll("verdict-plateau", "verdict-growing");
                setText(empty || v == null ? null : v.label());
                if (!empty && v == Verdict.PLATEAU) {
                    getStyleClass().add("verdict-plateau");
                } else if (!empty && v == Verdict.GROWING) {
                    getStyleClass().add("verdict-growing");
                }
            }
        });
        model.reload();
    }

    private void formatX(Alignment a) {
        overlayX.setTickLabelFormatter(a == Alignment.ELAPSED ? Units.elapsedAxis() : Units.countAxis());
        overlayX.setLabel(a == Alignment.ELAPSED ? "elapsed since the run started" : "requests since the run started");
    }

    private void drawOverlay(List<CompareViewModel.Overlay> lines) {
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        for (CompareViewModel.Overlay line : lines) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(line.name());
            List<XYChart.Data<Number, Number>> pts = new ArrayList<>(line.x().length);
            for (int i = 0; i < line.x().length; i++) {
                pts.add(new XYChart.Data<>(line.x()[i], line.y()[i]));
            }
            s.getData().setAll(pts);
            all.add(s);
        }
        overlayChart.getData().setAll(all);
        overlayChart.setTitle(model.metricProperty().get() + " — " + lines.size() + " run(s)");
    }

    private static void bytesColumn(TableColumn<RunStats, Double> column, java.util.function.ToDoubleFunction<RunStats> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.applyAsDouble(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Units.bytes(v));
            }
        });
    }

    private static <T> StringConverter<T> converter(Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    @FXML
    private void runExperiment() {
        experiment.run();
    }

    @FXML
    private void cancelExperiment() {
        experiment.cancel();
    }

    @FXML
    private void reload() {
        model.reload();
        experiment.refreshScenarios();
    }

    @FXML
    private void exportCsv() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export the comparison table and the aligned series as CSV into");
        File dir = chooser.showDialog(runList.getScene().getWindow());
        if (dir != null) {
            model.exportCsv(dir.toPath());
        }
    }

    /** The overlay chart and table (what docs/compare.png shows). */
    public Node content() {
        return overlayChart.getParent();
    }

    public TableView<RunStats> statsTable() {
        return statsTable;
    }

    public LineChart<Number, Number> overlayChart() {
        return overlayChart;
    }
}
