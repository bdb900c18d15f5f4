package dev.plateau.ui;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Controller of {@code ConnectionsView.fxml}: a sortable live table; numbers sort raw and display in human units. */
public final class ConnectionsView {
    private final ConnectionsViewModel model;
    @FXML private Label summary;
    @FXML private TableView<ConnectionsViewModel.Row> connectionsTable;
    @FXML private TableColumn<ConnectionsViewModel.Row, Long> idColumn;
    @FXML private TableColumn<ConnectionsViewModel.Row, String> remoteColumn;
    @FXML private TableColumn<ConnectionsViewModel.Row, Long> ageColumn;
    @FXML private TableColumn<ConnectionsViewModel.Row, Long> requestsColumn;
    @FXML private TableColumn<ConnectionsViewModel.Row, Long> bytesColumn;
    @FXML private TableColumn<ConnectionsViewModel.Row, Long> bufferColumn;
    @FXML private TableColumn<ConnectionsViewModel.Row, Long> highWaterColumn;
    @FXML private TableColumn<ConnectionsViewModel.Row, Long> shrinksColumn;
    @FXML private TableColumn<ConnectionsViewModel.Row, Long> idleColumn;

    public ConnectionsView(ConnectionsViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @FXML
    private void initialize() {
        SortedList<ConnectionsViewModel.Row> sorted = new SortedList<>(model.rows());
        sorted.comparatorProperty().bind(connectionsTable.comparatorProperty());
        connectionsTable.setItems(sorted);
        column(idColumn, ConnectionsViewModel.Row::id, n -> "#" + n);
        remoteColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().remote()));
        column(ageColumn, ConnectionsViewModel.Row::ageMillis, Units::age);
        column(requestsColumn, ConnectionsViewModel.Row::requests, n -> Units.count(n));
        column(bytesColumn, ConnectionsViewModel.Row::bytesIn, n -> Units.bytes(n));
        column(bufferColumn, ConnectionsViewModel.Row::bufferBytes, n -> Units.bytes(n));
        column(highWaterColumn, ConnectionsViewModel.Row::highWaterBytes, n -> Units.bytes(n));
        column(shrinksColumn, ConnectionsViewModel.Row::shrinks, n -> Long.toString(n));
        column(idleColumn, ConnectionsViewModel.Row::idleMillis, Units::age);
        summary.textProperty().bind(Bindings.size(model.rows()).asString("%d open connections"));
    }

    private static void column(TableColumn<ConnectionsViewModel.Row, Long> column,
                               ToLongFunction<ConnectionsViewModel.Row> value, Function<Long, String> format) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.applyAsLong(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        });
        column.getStyleClass().add("numeric");
    }

    public TableView<ConnectionsViewModel.Row> table() {
        return connectionsTable;
    }
}
