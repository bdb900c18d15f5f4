package dev.plateau.ui.log;

import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.ui.common.Views;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;

/** Controller of {@code LogView.fxml}: the filtered event table, newest at the bottom. */
public final class LogView {
    private final LogViewModel model;
    @FXML private ComboBox<EventKind> kindChoice;
    @FXML private TextField textFilter;
    @FXML private Label count;
    @FXML private TableView<Event> logTable;
    @FXML private TableColumn<Event, String> timeColumn;
    @FXML private TableColumn<Event, EventKind> kindColumn;
    @FXML private TableColumn<Event, String> messageColumn;

    public LogView(LogViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @FXML
    private void initialize() {
        kindChoice.getItems().add(null);
        kindChoice.getItems().addAll(EventKind.values());
        kindChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(EventKind k) {
                return k == null ? "all" : k.name().toLowerCase().replace('_', ' ');
            }

            @Override
            public EventKind fromString(String s) {
                return null;
            }
        });
        kindChoice.valueProperty().bindBidirectional(model.kindProperty());
        textFilter.textProperty().bindBidirectional(model.textProperty());
        logTable.setItems(model.filtered());
        timeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(model.time(c.getValue())));
        kindColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().kind()));
        messageColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().message()));
        logTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Event e, boolean empty) {
                super.updateItem(e, empty);
                pseudoClassStateChanged(Views.ERROR, !empty && e != null && e.kind() == EventKind.ERROR);
            }
        });
        count.textProperty().bind(Bindings.createStringBinding(
                () -> model.filtered().size() + " of " + model.events().size() + " events (newest " + LogViewModel.CAPACITY + " kept)",
                model.filtered(), model.events()));
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.createStringBinding(model::placeholder, model.events()));
        logTable.setPlaceholder(placeholder);
        model.events().addListener((javafx.collections.ListChangeListener<Event>) ch -> {
            if (!logTable.getItems().isEmpty()) {
                logTable.scrollTo(logTable.getItems().size() - 1);
            }
        });
    }
}
