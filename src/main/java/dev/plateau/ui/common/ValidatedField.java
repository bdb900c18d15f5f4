package dev.plateau.ui.common;

import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A text field's state in a view model: the text as typed, the parsed value and the message that explains why the
 * text is not acceptable. Re-validated on every keystroke; the view binds a red border and a label to
 * {@link #errorProperty()}. The parser throws {@link IllegalArgumentException} with a message for the user.
 *
 * <pre>{@code
 * ValidatedField<Integer> port = new ValidatedField<>("9880", Parsers.port());
 * textField.textProperty().bindBidirectional(port.textProperty());
 * errorLabel.textProperty().bind(port.errorProperty());
 * int p = port.value();   // throws IllegalStateException with the message while invalid
 * }</pre>
 */
public final class ValidatedField<T> {
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", false);
    private final Function<String, T> parser;
    private T value;

    public ValidatedField(String initial, Function<String, T> parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
        text.addListener((obs, old, now) -> validate());
        text.set(initial);
        validate();
    }

    private void validate() {
        try {
            value = parser.apply(text.get() == null ? "" : text.get().trim());
            error.set("");
            valid.set(true);
        } catch (IllegalArgumentException e) {
            value = null;
            error.set(e.getMessage());
            valid.set(false);
        }
    }

    /** The parsed value; throws {@link IllegalStateException} with the user-facing message while invalid. */
    public T value() {
        if (!valid.get()) {
            throw new IllegalStateException(error.get());
        }
        return value;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public boolean isValid() {
        return valid.get();
    }
}
