package dev.plateau.ui.load;

import dev.plateau.ui.common.FileDialogs;
import dev.plateau.ui.common.Views;
import java.io.File;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Load form's choices that are more than one binding, out of {@link LoadView} so the controller only wires: the
 * preset choice (saying when the form was edited away from it), the target (the URL field and its error only while
 * URL is chosen) and the payload file (its name, its clear button, the lines field off while a file is sent).
 */
final class LoadFields {
    private LoadFields() {
    }

    /** The presets; the closed choice says "custom (edited)" once a field no longer matches the chosen one. */
    static void presets(ComboBox<Preset> choice, LoadViewModel model) {
        choice.getItems().setAll(Preset.values());
        choice.valueProperty().bindBidirectional(model.presetProperty());
        choice.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Preset p, boolean empty) {
                super.updateItem(p, empty);
                setText(LoadViewModel.presetLabel(p));
            }
        });
    }

    /** Embedded collector or URL; the URL field is editable, and its error shown, only while URL is chosen. */
    static void target(LoadViewModel model, RadioButton embedded, RadioButton url, TextField urlField, Label urlError) {
        embedded.setSelected(model.targetProperty().get() == LoadViewModel.Target.EMBEDDED);
        url.setSelected(model.targetProperty().get() == LoadViewModel.Target.URL);
        url.selectedProperty().addListener((obs, o, on) ->
                model.targetProperty().set(on ? LoadViewModel.Target.URL : LoadViewModel.Target.EMBEDDED));
        urlField.disableProperty().bind(url.selectedProperty().not());
        Views.bind(urlField, model.urlField(), urlError);
        urlError.visibleProperty().unbind();
        urlError.visibleProperty().bind(url.selectedProperty().and(urlError.textProperty().isNotEmpty()));
    }

    /** The payload file's name and clear button while one is chosen; the generated lines' count is off meanwhile. */
    static void payload(LoadViewModel model, TextField lines, Button clear, Label name) {
        lines.disableProperty().bind(model.payloadFileProperty().isNotNull());
        clear.visibleProperty().bind(model.payloadFileProperty().isNotNull());
        name.textProperty().bind(model.payloadFileProperty().asString().map(s -> "null".equals(s) ? "" : s));
    }

    /** Asks for a payload file (JSON or form, from {@code samples/} the first time) and sends it from now on. */
    static void choosePayload(Window owner, LoadViewModel model) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Payload file (sent as the request body)");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("JSON or form", "*.json", "*.txt", "*.form"),
                new FileChooser.ExtensionFilter("All files", "*"));
        chooser.setInitialDirectory(new File("samples"));
        FileDialogs.file(owner, chooser, false, f -> model.payloadFileProperty().set(f.toPath()));
    }
}
