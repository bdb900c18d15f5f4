package dev.plateau.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/** Small binding helpers shared by the thin controllers. */
public final class Views {
    public static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    public static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    public static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");

    private Views() {
    }

    /** Tool bar items keep their preferred width when the window narrows, except the status labels given. */
    public static void keepPrefWidths(Pane bar, Node... shrinkable) {
        List<Node> except = List.of(shrinkable);
        for (Node n : bar.getChildren()) {
            if (n instanceof Region r && !except.contains(n)) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
    }

    /** Binds a text field to a validated field: text both ways, red border while invalid, the message in {@code message}. */
    public static void bind(TextField field, ValidatedField<?> model, Label message) {
        field.textProperty().bindBidirectional(model.textProperty());
        field.pseudoClassStateChanged(INVALID, !model.isValid());
        model.validProperty().addListener((obs, old, valid) -> field.pseudoClassStateChanged(INVALID, !valid));
        if (message != null) {
            message.textProperty().bind(model.errorProperty());
            message.getStyleClass().add("field-error");
            message.managedProperty().bind(message.textProperty().isNotEmpty());
            message.visibleProperty().bind(message.textProperty().isNotEmpty());
        }
    }

    /** Shows a path by its file name only (a run folder, a scenario), blank for none; choices are not typed in. */
    public static StringConverter<Path> fileNames() {
        return new StringConverter<>() {
            @Override
            public String toString(Path p) {
                return p == null ? "" : p.getFileName().toString();
            }

            @Override
            public Path fromString(String s) {
                return null;
            }
        };
    }

    /** A column of one number of the row: sorted by the number, shown through {@code format}, right-aligned. */
    public static <S, T> void numberColumn(TableColumn<S, T> column, Function<S, T> value, Function<T, String> format) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        });
        column.getStyleClass().add("numeric");
    }
}
