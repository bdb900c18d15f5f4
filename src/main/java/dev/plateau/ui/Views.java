package dev.plateau.ui;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/** Small binding helpers shared by the thin controllers. */
final class Views {
    static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");

    private Views() {
    }

    /** Binds a text field to a validated field: text both ways, red border while invalid, the message in {@code message}. */
    static void bind(TextField field, ValidatedField<?> model, Label message) {
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
}
