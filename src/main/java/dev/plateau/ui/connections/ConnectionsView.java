package dev.plateau.ui.connections;

import dev.plateau.ui.common.Units;
import dev.plateau.ui.common.Views;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Controller of {@code ConnectionsView.fxml}: a sortable live table; numbers sort raw and display in human units; a
 * selected connection stays selected while the table refreshes.
 */
public final class ConnectionsView {
    private final ConnectionsViewModel model;
    /** The connection the user selected last (-1: none), kept across refreshes. */
    private long selectedId = -1;
    @FXML private Label summary;
    @FXML private TableView<ConnectionsViewModel.Row> connectionsTable;
    @FXML private TableColumn<ConnectionsViewModel.Row, Long> idColumn;
    @FXML private TableColumn<ConnectionsViewModel.Row, String> remoteColumn;
    @FXML private TableColumn<ConnectionsViewModel.Row, String> protocolColumn;
    @FXML private Label totals;
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
        Views.numberColumn(idColumn, ConnectionsViewModel.Row::id, n -> "#" + n);
        remoteColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().remote()));
        protocolColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().protocol()));
        totals.textProperty().bind(model.totalsProperty());
        Views.numberColumn(ageColumn, ConnectionsViewModel.Row::ageMillis, Units::age);
        Views.numberColumn(requestsColumn, ConnectionsViewModel.Row::requests, n -> Units.count(n));
        Views.numberColumn(bytesColumn, ConnectionsViewModel.Row::bytesIn, n -> Units.bytes(n));
        Views.numberColumn(bufferColumn, ConnectionsViewModel.Row::bufferBytes, n -> Units.bytes(n));
        Views.numberColumn(highWaterColumn, ConnectionsViewModel.Row::highWaterBytes, n -> Units.bytes(n));
        Views.numberColumn(shrinksColumn, ConnectionsViewModel.Row::shrinks, n -> Long.toString(n));
        Views.numberColumn(idleColumn, ConnectionsViewModel.Row::idleMillis, Units::age);
        summary.textProperty().bind(Bindings.size(model.rows()).asString("%d open connections"));
        // a refresh replaces the rows (and clears the selection): follow the selected connection by its id
        connectionsTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                selectedId = row.id();
            }
        });
        sorted.addListener((ListChangeListener<ConnectionsViewModel.Row>) change -> reselect(sorted));
    }

    private void reselect(List<ConnectionsViewModel.Row> rows) {
        ConnectionsViewModel.Row now = connectionsTable.getSelectionModel().getSelectedItem();
        if (selectedId < 0 || now != null && now.id() == selectedId) {
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id() == selectedId) {
                connectionsTable.getSelectionModel().select(i);
                return;
            }
        }
    }

    public TableView<ConnectionsViewModel.Row> table() {
        return connectionsTable;
    }
}
