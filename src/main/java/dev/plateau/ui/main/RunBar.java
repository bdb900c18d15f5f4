package dev.plateau.ui.main;

import dev.plateau.ui.common.FileDialogs;
import dev.plateau.ui.common.PngWriter;
import dev.plateau.ui.common.Views;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

/** Controller of {@code RunBar.fxml}: record a run, Export CSV…, Save PNG… of the visible tab, Watch PID. */
public final class RunBar {
    private final MainViewModel model;
    private final Supplier<Node> visibleTab;
    @FXML private HBox bar;
    @FXML private TextField runLabelField;
    @FXML private ToggleButton recordToggle;
    @FXML private Label runLabelError;
    @FXML private Label runStatus;
    @FXML private Button exportButton;
    @FXML private Button pngButton;
    @FXML private TextField pidField;
    @FXML private ToggleButton watchToggle;
    @FXML private Label watchStatus;

    /** {@code visibleTab} gives the content of the tab shown now: what Save PNG… captures. */
    public RunBar(MainViewModel model, Supplier<Node> visibleTab) {
        this.model = Objects.requireNonNull(model, "model");
        this.visibleTab = Objects.requireNonNull(visibleTab, "visibleTab");
    }

    @FXML
    private void initialize() {
        Views.keepPrefWidths(bar, runStatus, watchStatus);
        RunsViewModel runs = model.parts().runs();
        Views.bind(runLabelField, runs.labelField(), runLabelError);
        runLabelField.disableProperty().bind(runs.recordingProperty());
        runs.recordingProperty().addListener((obs, o, on) -> {
            recordToggle.setSelected(on);
            recordToggle.setText(on ? "■ Stop run" : "● New run");
        });
        runStatus.textProperty().bind(runs.statusProperty());
        runs.statusErrorProperty().addListener((obs, o, err) -> runStatus.pseudoClassStateChanged(Views.ERROR, err));
        WatchViewModel watch = model.parts().watch();
        Views.bind(pidField, watch.pidField(), null);
        pidField.disableProperty().bind(watch.watchingProperty());
        watch.watchingProperty().addListener((obs, o, on) -> watchToggle.setSelected(on));
        watchStatus.textProperty().bind(watch.statusProperty());
        watch.statusErrorProperty().addListener((obs, o, err) -> watchStatus.pseudoClassStateChanged(Views.ERROR, err));
        exportButton.disableProperty().bind(model.jobRunningProperty());
        pngButton.disableProperty().bind(model.jobRunningProperty());
    }

    @FXML
    private void toggleRecording() {
        model.parts().runs().toggle();
        recordToggle.setSelected(model.parts().runs().recordingProperty().get());
    }

    @FXML
    private void toggleWatch() {
        model.parts().watch().toggle();
        watchToggle.setSelected(model.parts().watch().watchingProperty().get());
    }

    @FXML
    private void exportCsv() {
        FileDialogs.directory(bar.getScene().getWindow(), "Export samples, events and connections as CSV into",
                dir -> model.exportCsv(dir.toPath()));
    }

    @FXML
    private void savePng() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the " + model.pageProperty().get().title() + " tab as PNG");
        chooser.setInitialFileName(model.pngName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        FileDialogs.file(bar.getScene().getWindow(), chooser, true, file -> savePngTo(file.toPath()));
    }

    /** Captures the visible tab now (FX thread), at least at the window's size, and writes it in the background. */
    public void savePngTo(Path file) {
        Node tab = visibleTab.get();
        model.savePng(PngWriter.capture(tab, tab.getScene().getWidth(), tab.getScene().getHeight()), file);
    }
}
