package dev.plateau.ui.compare;

import dev.plateau.runs.Alignment;
import dev.plateau.runs.RunInfo;
import dev.plateau.runs.RunStats;
import dev.plateau.ui.common.ChartInteraction;
import dev.plateau.ui.common.ChartInteraction.TimeRange;
import dev.plateau.ui.common.FileDialogs;
import dev.plateau.ui.common.Units;
import dev.plateau.ui.common.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableView;
import javafx.util.StringConverter;

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
    /** The zoomed x range of the overlay (drag, scroll, ←/→; double-click or Esc resets), or null. */
    private final ObjectProperty<TimeRange> zoom = new SimpleObjectProperty<>(this, "zoom");
    private double overlayMax;
    @FXML private NumberAxis overlayX;
    @FXML private NumberAxis overlayY;
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
        overlayY.setTickLabelFormatter(Units.bytesAxis());
        model.alignmentProperty().addListener((obs, o, a) -> {
            zoom.set(null);
            formatX(a);
        });
        formatX(model.alignmentProperty().get());
        model.overlayProperty().addListener((obs, o, lines) -> drawOverlay(lines));
        StringConverter<Number> y = overlayY.getTickLabelFormatter();
        ChartInteraction.attach(overlayChart, overlayChart.overlay(), y::toString,
                x -> model.alignmentProperty().get() == Alignment.ELAPSED ? Units.elapsed(x)
                        : String.format(java.util.Locale.ROOT, "%,.0f requests", x), zoom);
        zoom.addListener((obs, o, z) -> rangeX());
        drawOverlay(model.overlayProperty().get());
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
            for (int i = 0; i < line.x().length; i++) {
                s.getData().add(new XYChart.Data<>(line.x()[i], line.y()[i]));
            }
            all.add(s);
        }
        overlayChart.getData().setAll(all);
        // nothing selected: a fixed 0–1 MB axis instead of the 0–110 B an empty auto-ranged axis shows
        overlayY.setAutoRanging(!lines.isEmpty());
        if (lines.isEmpty()) {
            overlayY.setLowerBound(0);
            overlayY.setUpperBound(1_000_000);
            overlayY.setTickUnit(200_000);
        }
        overlayMax = lines.stream().mapToDouble(l -> l.x().length == 0 ? 0 : l.x()[l.x().length - 1]).max().orElse(0);
        rangeX();
    }

    /** The x axis: the zoomed range, else all of the runs (elapsed on whole time steps, requests auto-ranged). */
    private void rangeX() {
        TimeRange z = zoom.get();
        boolean elapsed = model.alignmentProperty().get() == Alignment.ELAPSED;
        int runs = model.overlayProperty().get().size();
        String title = model.metricProperty().get() + " — " + (runs == 0 ? "select runs on the left" : runs + " run(s)");
        if (z != null) {
            overlayX.setAutoRanging(false);
            overlayX.setLowerBound(z.from());
            overlayX.setUpperBound(z.to());
            overlayX.setTickUnit(elapsed ? Units.niceTimeStep(z.to() - z.from()) : niceStep(z.to() - z.from()));
            overlayChart.setTitle(title + " · zoomed (double-click or Esc: all)");
            return;
        }
        overlayChart.setTitle(title);
        boolean fixed = elapsed && overlayMax > 0;
        overlayX.setAutoRanging(!fixed);
        if (fixed) {
            double step = Units.niceTimeStep(overlayMax);
            overlayX.setLowerBound(0);
            overlayX.setUpperBound(Math.ceil(overlayMax / step) * step);
            overlayX.setTickUnit(step);
        }
    }

    /** 1, 2 or 5 times a power of ten, about a tenth of {@code span}. */
    static double niceStep(double span) {
        double raw = Math.max(span, 1e-9) / 10;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
    }

    /** Zooms the overlay's x axis to {@code from}–{@code to} (as a drag does); {@code null} range resets. */
    public void zoomTo(double from, double to) {
        zoom.set(new TimeRange(from, to));
    }

    public void resetZoom() {
        zoom.set(null);
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

    public LineChart<Number, Number> overlayChart() {
        return overlayChart;
    }
}
