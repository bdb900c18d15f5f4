package dev.plateau.ui.main;

import dev.plateau.ui.common.Views;
import dev.plateau.ui.compare.CompareView;
import dev.plateau.ui.connections.ConnectionsView;
import dev.plateau.ui.live.LiveView;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * Controller of {@code MainView.fxml}: the tabs and the status bar; the two tool bars are their own controllers
 * ({@link CollectorBar}, {@link RunBar}).
 */
public final class MainView {
    private final MainViewModel model;
    @FXML private TabPane tabs;
    @FXML private Tab liveTab;
    @FXML private Tab connectionsTab;
    @FXML private Tab loadTab;
    @FXML private Tab compareTab;
    @FXML private Tab logTab;
    @FXML private Tab fleetTab;
    @FXML private Tab allocationsTab;
    @FXML private RunBar runBarController;
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
        Map<Tab, Page> pages = Map.of(liveTab, Page.LIVE, connectionsTab, Page.CONNECTIONS, loadTab, Page.LOAD,
                compareTab, Page.COMPARE, logTab, Page.LOG, fleetTab, Page.FLEET,
                allocationsTab, Page.ALLOCATIONS);
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, o, tab) -> model.pageProperty().set(pages.get(tab)));
        model.pageProperty().addListener((obs, o, page) -> pages.forEach((tab, pg) -> {
            if (pg == page) {
                tabs.getSelectionModel().select(tab);
            }
        }));
        StatusViewModel status = model.parts().status();
        recordsLabel.textProperty().bind(status.recordsProperty());
        rateLabel.textProperty().bind(status.rateProperty());
        rssLabel.textProperty().bind(status.rssProperty());
        jobLabel.textProperty().bind(model.jobMessageProperty());
        model.jobErrorProperty().addListener((obs, o, err) -> jobLabel.pseudoClassStateChanged(Views.ERROR, err));
        jobProgress.progressProperty().bind(model.jobProgressProperty());
        jobProgress.visibleProperty().bind(model.jobRunningProperty());
    }

    /** What the shown tab shows: the Live charts, or the Compare overlay with its table, etc. */
    public Node visibleTab() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        return tab == liveTab ? liveViewController.chartsNode()
                : tab == compareTab ? compareViewController.content() : tab.getContent();
    }

    /** Save PNG… without the dialog: the visible tab, now. */
    public void savePngTo(Path file) {
        runBarController.savePngTo(file);
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
