package dev.plateau.ui;

import dev.plateau.ui.main.AppOptions;
import dev.plateau.ui.main.Console;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Shows a started console on an ephemeral port, recording runs under {@code tmp/runs}: the UI tests' fixture. */
public final class TestConsoles {
    private TestConsoles() {
    }

    public static Console show(Stage stage, Path tmp) {
        Console console = Console.create(new AppOptions(false, "127.0.0.1", 0, tmp.resolve("runs")));
        stage.setScene(new Scene(console.load(), 1400, 880));
        stage.setTitle(PlateauApp.TITLE);
        stage.show();
        console.start();
        return console;
    }
}
