package dev.plateau.ui.load;

import dev.plateau.ui.common.Views;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;

/**
 * Controller of {@code LoadView.fxml}: binds the burst form, the progress bar and the last report; the preset, target
 * and payload choices are {@link LoadFields}.
 *
 * <p>Over 100 lines because the form has 31 nodes to wire, a field line each.
 */
public final class LoadView {
    private final LoadViewModel model;
    @FXML private ComboBox<Preset> presetChoice;
    @FXML private RadioButton embeddedTarget;
    @FXML private RadioButton urlTarget;
    @FXML private TextField urlField;
    @FXML private Label urlError;
    @FXML private TextField requestsField;
    @FXML private Label requestsError;
    @FXML private TextField delayField;
    @FXML private Label delayError;
    @FXML private TextField rateField;
    @FXML private Label rateError;
    @FXML private TextField connectionsField;
    @FXML private Label connectionsError;
    @FXML private TextField reconnectField;
    @FXML private CheckBox abandonBox;
    @FXML private CheckBox holdBox;
    @FXML private Label reconnectError;
    @FXML private TextField linesField;
    @FXML private Label linesError;
    @FXML private Button clearFileButton;
    @FXML private Label fileLabel;
    @FXML private CheckBox gzipBox;
    @FXML private Button fireButton;
    @FXML private Button cancelButton;
    @FXML private Button closeHeldButton;
    @FXML private Button oneMoreButton;
    @FXML private Label formError;
    @FXML private Label error;
    @FXML private ProgressBar progress;
    @FXML private Label counters;
    @FXML private Label report;

    public LoadView(LoadViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @FXML
    private void initialize() {
        LoadFields.presets(presetChoice, model);
        LoadFields.target(model, embeddedTarget, urlTarget, urlField, urlError);
        Views.bind(requestsField, model.requestsField(), requestsError);
        Views.bind(delayField, model.delayMsField(), delayError);
        Views.bind(rateField, model.rateField(), rateError);
        Views.bind(connectionsField, model.connectionsField(), connectionsError);
        Views.bind(reconnectField, model.reconnectEveryField(), reconnectError);
        Views.bind(linesField, model.linesField(), linesError);
        abandonBox.selectedProperty().bindBidirectional(model.abandonProperty());
        holdBox.selectedProperty().bindBidirectional(model.holdProperty());
        gzipBox.selectedProperty().bindBidirectional(model.gzipProperty());
        LoadFields.payload(model, linesField, clearFileButton, fileLabel);
        formError.textProperty().bind(model.formErrorProperty());
        error.textProperty().bind(model.errorProperty());
        fireButton.disableProperty().bind(model.runningProperty().or(model.formErrorProperty().isNotEmpty()));
        cancelButton.disableProperty().bind(model.runningProperty().not());
        closeHeldButton.disableProperty().bind(model.runningProperty());
        oneMoreButton.disableProperty().bind(model.runningProperty());
        progress.progressProperty().bind(model.progressProperty());
        counters.textProperty().bind(model.countersProperty());
        report.textProperty().bind(model.lastReportProperty());
    }

    @FXML
    private void fire() {
        model.fire();
    }

    @FXML
    private void cancel() {
        model.cancel();
    }

    @FXML
    private void closeHeld() {
        model.closeHeld();
    }

    @FXML
    private void oneMore() {
        model.oneMore();
    }

    @FXML
    private void chooseFile() {
        LoadFields.choosePayload(fireButton.getScene().getWindow(), model);
    }

    @FXML
    private void clearFile() {
        model.payloadFileProperty().set(null);
    }
}
