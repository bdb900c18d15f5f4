package dev.plateau.ui.main;

import dev.plateau.collector.Profile;
import dev.plateau.ui.common.FileDialogs;
import dev.plateau.ui.common.Views;
import java.io.File;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** Controller of {@code CollectorBar.fxml}: Start/Stop, the address, "Open Fluent Bit config…", the profile and the policies. */
public final class CollectorBar {
    private final CollectorViewModel model;
    @FXML private HBox bar;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private TextField listenField;
    @FXML private TextField portField;
    @FXML private Label addressError;
    @FXML private Label collectorStatus;
    @FXML private Button configButton;
    @FXML private ToggleButton shrinkToggle;
    @FXML private ToggleButton reinitToggle;
    @FXML private ToggleButton trimToggle;
    @FXML private ChoiceBox<Profile> profileChoice;
    @FXML private Spinner<Integer> idleSpinner;

    public CollectorBar(CollectorViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @FXML
    private void initialize() {
        Views.keepPrefWidths(bar, collectorStatus);
        Views.bind(listenField, model.listenField(), null);
        Views.bind(portField, model.portField(), addressError);
        addressError.textProperty().unbind();
        addressError.textProperty().bind(model.listenField().errorProperty().concat(model.portField().errorProperty()));
        var locked = model.runningProperty().or(model.busyProperty());
        listenField.disableProperty().bind(locked);
        portField.disableProperty().bind(locked);
        startButton.disableProperty().bind(locked);
        configButton.disableProperty().bind(locked);
        stopButton.disableProperty().bind(model.runningProperty().not().or(model.busyProperty()));
        collectorStatus.textProperty().bind(model.statusProperty());
        model.statusErrorProperty().addListener((obs, o, err) -> collectorStatus.pseudoClassStateChanged(Views.ERROR, err));
        model.runningProperty().addListener((obs, o, on) -> collectorStatus.pseudoClassStateChanged(Views.RUNNING, on));
        shrinkToggle.selectedProperty().bindBidirectional(model.shrinkProperty());
        reinitToggle.selectedProperty().bindBidirectional(model.reinitProperty());
        trimToggle.selectedProperty().bindBidirectional(model.trimProperty());
        profileChoice.getItems().setAll(Profile.values());
        profileChoice.valueProperty().bindBidirectional(model.profileProperty());
        profileChoice.disableProperty().bind(locked);
        var idle = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, MainViewModel.MAX_IDLE_SECONDS, 0, 5);
        idle.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null ? "0" : n.toString();
            }

            @Override
            public Integer fromString(String text) {
                return MainViewModel.idleSeconds(text).orElse(idle.getValue());
            }
        });
        idleSpinner.setValueFactory(idle);
        idle.valueProperty().bindBidirectional(model.idleTimeoutSecondsProperty());
        idleSpinner.getEditor().textProperty().addListener((obs, o, text) ->
                idleSpinner.getEditor().pseudoClassStateChanged(Views.INVALID, MainViewModel.idleSeconds(text).isEmpty()));
    }

    @FXML
    private void start() {
        model.start();
    }

    @FXML
    private void stop() {
        model.stop();
    }

    @FXML
    private void openConfig() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a Fluent Bit configuration (classic .conf or YAML)");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Fluent Bit config", "*.conf", "*.yaml", "*.yml"),
                new FileChooser.ExtensionFilter("All files", "*"));
        chooser.setInitialDirectory(new File("samples"));
        FileDialogs.file(bar.getScene().getWindow(), chooser, false, file -> model.loadConfig(file.toPath()));
    }
}
