package dev.plateau.ui.compare;

import dev.plateau.ui.common.Views;
import java.nio.file.Path;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;

/** Controller of {@code ExperimentBar.fxml}: the scenario, the idle-timeout step, Run/Cancel and the progress. */
public final class ExperimentBar {
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

    public ExperimentBar(ExperimentViewModel experiment) {
        this.experiment = Objects.requireNonNull(experiment, "experiment");
    }

    @FXML
    private void initialize() {
        scenarioChoice.setItems(experiment.scenarios());
        scenarioChoice.valueProperty().bindBidirectional(experiment.scenarioProperty());
        scenarioChoice.setConverter(Views.fileNames());
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
    }

    @FXML
    private void runExperiment() {
        experiment.run();
    }

    @FXML
    private void cancelExperiment() {
        experiment.cancel();
    }
}
