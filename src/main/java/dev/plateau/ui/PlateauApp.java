package dev.plateau.ui;

import dev.plateau.ui.main.AppOptions;
import dev.plateau.ui.main.Console;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/**
 * The desktop console: {@code mvn javafx:run}, or {@code mvn javafx:run -Djavafx.args="--autostart"} to start the
 * embedded collector on 127.0.0.1:9880 at launch. Options: {@code --autostart}, {@code --listen HOST},
 * {@code --port N} (0 = any free port), {@code --runs DIR} (default ./runs). Closing the window cancels bursts,
 * drains and stops the collector, stops sampling and exits (Ctrl+Q does the same).
 */
public final class PlateauApp extends Application {
    public static final String TITLE = "Plateau — memory console";

    private Console console;

    @Override
    public void start(Stage stage) {
        AppOptions options;
        String optionError = null;
        try {
            options = AppOptions.parse(getParameters().getRaw());
        } catch (IllegalArgumentException e) {
            options = AppOptions.DEFAULTS;
            optionError = e.getMessage();
        }
        console = Console.create(options);
        stage.setTitle(TITLE);
        Scene scene = new Scene(console.load(), 1400, 880);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), stage::close);
        stage.setScene(scene);
        stage.setMinWidth(1100);
        stage.setMinHeight(700);
        stage.show();
        console.start();
        if (optionError != null) {
            Alert alert = new Alert(Alert.AlertType.WARNING, optionError + "\nStarting with the defaults.");
            alert.setHeaderText("Unknown command-line option");
            alert.initOwner(stage);
            alert.show();
        }
    }

    @Override
    public void stop() {
        if (console != null) {
            console.shutdown();
        }
        Platform.exit();
    }

    public static void main(String[] args) {
        dev.plateau.collector.NativeMemory.preferCleanerFreeDirectBuffers();
        launch(args);
    }
}
