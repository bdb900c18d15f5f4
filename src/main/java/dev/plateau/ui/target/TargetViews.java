package dev.plateau.ui.target;

import dev.plateau.series.Frame;
import dev.plateau.series.ProcessSource;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * What a non-embedded target adds to the Live, Connections and Load tabs, on top of their existing content:
 * on Live, a chart of the target's RSS ({@code target_rss_bytes}, decimal MB, its own axis) and one of the scraped series
 * picked in a choice list; on Connections, a plain note that per-connection buffers exist only for the embedded
 * collector; on Load, where the bursts go while a target runs. Shown only while the Target choice is not Embedded. Redrawn when a frame arrives (4 Hz),
 * at most {@link #MAX_POINTS} points (every n-th frame of the kept ones).
 */
public final class TargetViews {
    public static final int MAX_POINTS = 600;
    public static final double CHARTS_HEIGHT = 270;
    public static final String CONNECTIONS_NOTE = "Per-connection buffers exist only for the embedded collector: "
            + "the launched or attached target's connections are not visible from outside it.";

    private final TargetViewModel model;
    private final XYChart.Series<Number, Number> rss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> picked = new XYChart.Series<>();
    private final LineChart<Number, Number> rssChart = chart("MB");
    private final LineChart<Number, Number> pickedChart = chart("value");

    private TargetViews(TargetViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
        rss.setName(ProcessSource.RSS.column());
        rssChart.setTitle("Target process RSS");
        rssChart.getData().add(rss);
        pickedChart.getData().add(picked);
        pickedChart.setTitle("Scraped series");
        model.framesSeenProperty().addListener((obs, o, n) -> redraw());
        model.chosenSeriesProperty().addListener((obs, o, n) -> redraw());
    }

    /** Wraps the Live, Connections and Load tabs' content with the target's charts and notes. */
    public static void attach(TargetViewModel model, Tab live, Tab connections, Tab load) {
        TargetViews v = new TargetViews(model);
        BooleanBinding target = model.kindProperty().isNotEqualTo(TargetKind.EMBEDDED);
        VBox charts = v.charts();
        charts.setPrefHeight(CHARTS_HEIGHT);
        charts.setMinHeight(CHARTS_HEIGHT);
        charts.visibleProperty().bind(target);
        charts.managedProperty().bind(target);
        children(live).add(0, charts);
        Label note = note("targetConnectionsNote", target, connections);
        note.setText(CONNECTIONS_NOTE);
        Label loadNote = note("targetLoadNote", target.and(model.runningProperty()), load);
        loadNote.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> "A target is running: \"embedded collector\" bursts go to the target, " + model.urlOr("-"),
                model.runningProperty()));
    }

    private static Label note(String id, javafx.beans.value.ObservableBooleanValue shown, Tab tab) {
        Label note = new Label();
        note.setId(id);
        note.getStyleClass().add("target-note");
        note.setWrapText(true);
        note.setPadding(new Insets(6, 10, 6, 10));
        note.setStyle("-fx-font-weight: bold;");
        note.visibleProperty().bind(shown);
        note.managedProperty().bind(shown);
        children(tab).add(0, note);
        return note;
    }

    /** The tab's own root's children: added to in place, the tab's content node stays the same (tests look it up). */
    private static List<Node> children(Tab tab) {
        if (tab.getContent() instanceof Pane p) {
            return p.getChildren();
        }
        throw new IllegalStateException("tab " + tab.getText() + ": its content is not a Pane");
    }

    private VBox charts() {
        ComboBox<String> choice = new ComboBox<>(model.scrapedSeries());
        choice.setId("targetSeriesChoice");
        choice.setPromptText("no metrics URL: nothing scraped");
        choice.valueProperty().bindBidirectional(model.chosenSeriesProperty());
        HBox pick = new HBox(6, new Label("Scraped series"), choice);
        pick.setPadding(new Insets(4, 10, 0, 10));
        HBox row = new HBox(rssChart, pickedChart);
        HBox.setHgrow(rssChart, Priority.ALWAYS);
        HBox.setHgrow(pickedChart, Priority.ALWAYS);
        VBox.setVgrow(row, Priority.ALWAYS);
        VBox box = new VBox(pick, row);
        box.setId("targetCharts");
        return box;
    }

    private static LineChart<Number, Number> chart(String yLabel) {
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds since the target started");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        y.setForceZeroInRange(false);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setCreateSymbols(false);
        c.setAnimated(false);
        c.setLegendVisible(true);
        c.setMinHeight(160);
        return c;
    }

    private void redraw() {
        List<Frame> frames = model.frames();
        String column = model.chosenSeriesProperty().get();
        picked.setName(column == null ? "(none)" : column);
        if (frames.isEmpty()) {
            rss.getData().clear();
            picked.getData().clear();
            return;
        }
        long t0 = frames.get(0).epochMillis();
        int step = Math.max(1, frames.size() / MAX_POINTS);
        var r = new java.util.ArrayList<XYChart.Data<Number, Number>>();
        var p = new java.util.ArrayList<XYChart.Data<Number, Number>>();
        for (int i = 0; i < frames.size(); i += step) {
            Frame f = frames.get(i);
            double t = (f.epochMillis() - t0) / 1000.0;
            double v = f.value(ProcessSource.RSS.column());
            if (!Double.isNaN(v)) {
                r.add(new XYChart.Data<>(t, v / 1e6));
            }
            double s = column == null ? Double.NaN : f.value(column);
            if (!Double.isNaN(s)) {
                p.add(new XYChart.Data<>(t, s));
            }
        }
        rss.getData().setAll(r);
        picked.getData().setAll(p);
    }
}
