package dev.plateau.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.plateau.collector.Profile;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/** Controller of {@code MainView.fxml}: binds the toolbar, the tabs and the status bar to {@link MainViewModel}. */
public final class MainView {
    private final MainViewModel model;
    @FXML private BorderPane root;
    @FXML private HBox collectorBar;
    @FXML private HBox runBar;
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
    @FXML private TextField runLabelField;
    @FXML private ToggleButton recordToggle;
    @FXML private Label runLabelError;
    @FXML private Label runStatus;
    @FXML private Button exportButton;
    @FXML private Button pngButton;
    @FXML private TextField pidField;
    @FXML private ToggleButton watchToggle;
    @FXML private Label watchStatus;
    @FXML private TabPane tabs;
    @FXML private Tab liveTab;
    @FXML private Tab connectionsTab;
    @FXML private Tab loadTab;
    @FXML private Tab compareTab;
    @FXML private Tab logTab;
    @FXML private LiveView liveViewController;
    @FXML private ConnectionsView connectionsViewController;
    @FXML private CompareView compareViewController;
    @FXML private Label recordsLabel;
    @FXML private Label rateLabel;
    @FXML private Label rssLabel;
    @FXML private Label jobLabel;
    @FXML private ProgressBar jobProgress;

    public MainView(MainViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @FXML
    private void initialize() {
        for (HBox bar : List.of(collectorBar, runBar)) {
            for (Node n : bar.getChildren()) {
                if (n instanceof Region r && n != collectorStatus && n != runStatus && n != watchStatus) {
                    r.setMinWidth(Region.USE_PREF_SIZE);
                }
            }
        }
        MainViewModel.Parts p = model.parts();
        CollectorViewModel c = p.collector();
        Views.bind(listenField, c.listenField(), null);
        Views.bind(portField, c.portField(), addressError);
        addressError.textProperty().unbind();
        addressError.textProperty().bind(c.listenField().errorProperty().concat(c.portField().errorProperty()));
        listenField.disableProperty().bind(c.runningProperty().or(c.busyProperty()));
        portField.disableProperty().bind(c.runningProperty().or(c.busyProperty()));
        startButton.disableProperty().bind(c.runningProperty().or(c.busyProperty()));
        stopButton.disableProperty().bind(c.runningProperty().not().or(c.busyProperty()));
        collectorStatus.textProperty().bind(c.statusProperty());
        configButton.disableProperty().bind(c.runningProperty().or(c.busyProperty()));
        c.statusErrorProperty().addListener((obs, o, err) -> collectorStatus.pseudoClassStateChanged(Views.ERROR, err));
        c.runningProperty().addListener((obs, o, on) -> collectorStatus.pseudoClassStateChanged(Views.RUNNING, on));
        shrinkToggle.selectedProperty().bindBidirectional(c.shrinkProperty());
        reinitToggle.selectedProperty().bindBidirectional(c.reinitProperty());
        trimToggle.selectedProperty().bindBidirectional(c.trimProperty());
        profileChoice.getItems().setAll(Profile.values());
        profileChoice.valueProperty().bindBidirectional(c.profileProperty());
        profileChoice.disableProperty().bind(c.runningProperty().or(c.busyProperty()));
        SpinnerValueFactory.IntegerSpinnerValueFactory idle = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 3600, 0, 5);
        idle.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null ? "0" : n.toString();
            }

            @Override
            public Integer fromString(String text) {
                String t = text == null ? "" : text.trim().replaceAll("s$", "").trim();
                return t.matches("\\d{1,4}") ? Math.min(3600, Integer.parseInt(t)) : idle.getValue();
            }
        });
        idleSpinner.setValueFactory(idle);
        idle.valueProperty().bindBidirectional(c.idleTimeoutSecondsProperty());
        idleSpinner.getEditor().textProperty().addListener((obs, o, text) ->
                idleSpinner.getEditor().pseudoClassStateChanged(Views.INVALID, !text.trim().matches("\\d{1,4}\\s*s?")));

        RunsViewModel runs = p.runs();
        Views.bind(runLabelField, runs.labelField(), runLabelError);
        runLabelField.disableProperty().bind(runs.recordingProperty());
        runs.recordingProperty().addListener((obs, o, on) -> {
            recordToggle.setSelected(on);
            recordToggle.setText(on ? "■ Stop run" : "● New run");
        });
        runStatus.textProperty().bind(runs.statusProperty());
        runs.statusErrorProperty().addListener((obs, o, err) -> runStatus.pseudoClassStateChanged(Views.ERROR, err));

        WatchViewModel watch = p.watch();
        Views.bind(pidField, watch.pidField(), null);
        pidField.disableProperty().bind(watch.watchingProperty());
        watch.watchingProperty().addListener((obs, o, on) -> watchToggle.setSelected(on));
        watchStatus.textProperty().bind(watch.statusProperty());
        watch.statusErrorProperty().addListener((obs, o, err) -> watchStatus.pseudoClassStateChanged(Views.ERROR, err));

        Map<Tab, Page> pages = Map.of(liveTab, Page.LIVE, connectionsTab, Page.CONNECTIONS, loadTab, Page.LOAD,
                compareTab, Page.COMPARE, logTab, Page.LOG);
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, o, tab) -> model.pageProperty().set(pages.get(tab)));
        model.pageProperty().addListener((obs, o, page) -> pages.forEach((tab, pg) -> {
            if (pg == page) {
                tabs.getSelectionModel().select(tab);
            }
        }));

        StatusViewModel status = p.status();
        recordsLabel.textProperty().bind(status.recordsProperty());
        rateLabel.textProperty().bind(status.rateProperty());
        rssLabel.textProperty().bind(status.rssProperty());
        jobLabel.textProperty().bind(model.jobMessageProperty());
        model.jobErrorProperty().addListener((obs, o, err) -> jobLabel.pseudoClassStateChanged(Views.ERROR, err));
        jobProgress.progressProperty().bind(model.jobProgressProperty());
        jobProgress.visibleProperty().bind(model.jobRunningProperty());
        exportButton.disableProperty().bind(model.jobRunningProperty());
        pngButton.disableProperty().bind(model.jobRunningProperty());
    }

    @FXML
    private void start() {
        model.parts().collector().start();
    }

    @FXML
    private void stop() {
        model.parts().collector().stop();
    }

    @FXML
    private void openConfig() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a Fluent Bit configuration (classic .conf or YAML)");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Fluent Bit config", "*.conf", "*.yaml", "*.yml"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File samples = new File("samples");
        if (samples.isDirectory()) {
            chooser.setInitialDirectory(samples);
        }
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            model.parts().collector().loadConfig(file.toPath());
        }
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
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export samples, events and connections as CSV into");
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) {
            model.exportCsv(dir.toPath());
        }
    }

    @FXML
    private void savePng() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the Live charts as PNG");
        chooser.setInitialFileName("plateau-" + CsvSnapshot.STAMP.format(model.parts().clock().instant()) + ".png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            savePngTo(file.toPath());
        }
    }

    /** Captures the Live charts (FX thread) and writes them in the background. */
    void savePngTo(Path file) {
        model.savePng(PngWriter.capture(liveViewController.chartsNode()), file);
    }

    public LiveView liveView() {
        return liveViewController;
    }

    public ConnectionsView connectionsView() {
        return connectionsViewController;
    }

    public CompareView compareView() {
        return compareViewController;
    }
}
