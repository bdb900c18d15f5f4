package dev.plateau.ui;

import javafx.application.Application;

/**
 * Starts the console from a plain class path ({@code java -jar target/plateau.jar console}). The JDK launcher
 * refuses a main class that extends {@link Application} when JavaFX is on the class path rather than the module
 * path; this class does not, so it can launch {@link PlateauApp} from anywhere.
 */
public final class ConsoleLauncher {
    private ConsoleLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(PlateauApp.class, args);
    }
}
