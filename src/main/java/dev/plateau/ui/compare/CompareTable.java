package dev.plateau.ui.compare;

import dev.plateau.runs.RunStats;
import dev.plateau.runs.Verdict;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Controller of {@code CompareTable.fxml}: one row per selected run — peak, final, growth, slope and verdict, each
 * cell's text from {@link CompareCells#text}; the verdict header names the threshold.
 */
public final class CompareTable {
    private final CompareViewModel model;
    @FXML private TableView<RunStats> statsTable;
    @FXML private TableColumn<RunStats, String> runColumn;
    @FXML private TableColumn<RunStats, Integer> samplesColumn;
    @FXML private TableColumn<RunStats, RunStats> peakColumn;
    @FXML private TableColumn<RunStats, RunStats> finalColumn;
    @FXML private TableColumn<RunStats, RunStats> growthColumn;
    @FXML private TableColumn<RunStats, RunStats> slopeColumn;
    @FXML private TableColumn<RunStats, RunStats> verdictColumn;

    public CompareTable(CompareViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @FXML
    private void initialize() {
        statsTable.setItems(FXCollections.observableArrayList());
        model.statsProperty().addListener((obs, o, rows) -> statsTable.getItems().setAll(rows));
        runColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().run()));
        samplesColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().samples()));
        samplesColumn.getStyleClass().add("numeric");
        column(peakColumn, RunStats::peak, CompareCells.Cell.PEAK);
        column(finalColumn, RunStats::last, CompareCells.Cell.FINAL);
        column(growthColumn, RunStats::growthAfterWarmup, CompareCells.Cell.GROWTH);
        column(slopeColumn, RunStats::slope, CompareCells.Cell.SLOPE);
        column(verdictColumn, s -> (double) s.verdict().ordinal(), CompareCells.Cell.VERDICT);
        verdictColumn.getStyleClass().remove("numeric");
        verdictColumn.setText(model.verdictHeader());
    }

    private static void column(TableColumn<RunStats, RunStats> column, Function<RunStats, Double> sortKey,
                               CompareCells.Cell cell) {
        column.getStyleClass().add("numeric");
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setComparator((a, b) -> Double.compare(key(a, sortKey), key(b, sortKey)));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(RunStats s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("verdict-plateau", "verdict-growing", "not-available");
                String text = empty || s == null ? null : CompareCells.text(s, cell);
                setText(text);
                if (text != null && CompareCells.lacks(s)) {
                    getStyleClass().add("not-available");
                } else if (text != null && cell == CompareCells.Cell.VERDICT && s.verdict() != Verdict.INSUFFICIENT_DATA) {
                    getStyleClass().add("verdict-" + text);
                }
            }
        });
    }

    private static double key(RunStats s, Function<RunStats, Double> f) {
        return CompareCells.lacks(s) ? Double.NEGATIVE_INFINITY : f.apply(s);
    }

    public TableView<RunStats> table() {
        return statsTable;
    }
}
