package dev.plateau.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** Placeholder window; the console (issue 4) replaces it. */
public final class PlateauApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("Plateau");
        stage.setScene(new Scene(new Label("Plateau console"), 640, 400));
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
