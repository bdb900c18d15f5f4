package dev.plateau.ui.target;

import dev.plateau.ui.common.Views;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;

/** Controller of {@code TargetBar.fxml}: the Target choice, its command or PID, the URLs, Launch/Attach and Stop. */
public final class TargetBar {
    private final TargetViewModel model;
    @FXML private HBox bar;
    @FXML private ComboBox<TargetKind> targetKindChoice;
    @FXML private TextField targetCommandField;
    @FXML private TextField targetPidField;
    @FXML private CheckBox targetHeaptrackCheck;
    @FXML private TextField targetUrlField;
    @FXML private TextField targetMetricsField;
    @FXML private Button targetStartButton;
    @FXML private Button targetStopButton;
    @FXML private Label targetStatus;

    public TargetBar(TargetViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @FXML
    private void initialize() {
        targetKindChoice.getItems().setAll(TargetKind.values());
        targetKindChoice.valueProperty().bindBidirectional(model.kindProperty());
        targetCommandField.textProperty().bindBidirectional(model.commandProperty());
        targetPidField.textProperty().bindBidirectional(model.pidProperty());
        targetUrlField.textProperty().bindBidirectional(model.urlProperty());
        targetMetricsField.textProperty().bindBidirectional(model.metricsProperty());
        var locked = model.runningProperty().or(model.busyProperty());
        var embedded = model.kindProperty().isEqualTo(TargetKind.EMBEDDED);
        targetKindChoice.disableProperty().bind(locked);
        for (TextField f : new TextField[] {targetCommandField, targetPidField, targetUrlField, targetMetricsField}) {
            f.disableProperty().bind(locked);
        }
        show(targetCommandField, model.kindProperty().isEqualTo(TargetKind.COMMAND));
        show(targetPidField, model.kindProperty().isEqualTo(TargetKind.PID));
        show(targetHeaptrackCheck, model.kindProperty().isEqualTo(TargetKind.COMMAND));
        targetHeaptrackCheck.selectedProperty().bindBidirectional(model.heaptrackProperty());
        targetHeaptrackCheck.disableProperty().bind(locked);
        for (var node : bar.getChildren().subList(3, bar.getChildren().size() - 1)) {
            if (node != targetPidField && node != targetHeaptrackCheck) {
                show(node, embedded.not());
            }
        }
        targetStartButton.textProperty().bind(Bindings.when(model.kindProperty().isEqualTo(TargetKind.PID))
                .then("▶ Attach").otherwise("▶ Launch"));
        targetStartButton.disableProperty().bind(locked.or(embedded));
        targetStopButton.disableProperty().bind(model.runningProperty().not().or(model.busyProperty()));
        targetStatus.textProperty().bind(model.statusProperty());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(model.statusProperty());
        targetStatus.setTooltip(tip);
        for (var node : bar.getChildren()) {
            if (node instanceof Labeled l && node != targetStatus) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        targetKindChoice.setMinWidth(Region.USE_PREF_SIZE);
        targetCommandField.setMinWidth(180);
        model.statusErrorProperty().addListener((obs, o, err) -> targetStatus.pseudoClassStateChanged(Views.ERROR, err));
        model.runningProperty().addListener((obs, o, on) -> targetStatus.pseudoClassStateChanged(Views.RUNNING, on));
    }

    private static void show(javafx.scene.Node node, javafx.beans.value.ObservableBooleanValue when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(when);
    }

    @FXML
    private void start() {
        model.start();
    }

    @FXML
    private void stop() {
        model.stop();
    }
}
