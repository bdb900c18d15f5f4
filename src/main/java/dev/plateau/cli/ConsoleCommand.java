package dev.plateau.cli;

import dev.plateau.ui.ConsoleLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code plateau console [ARGS...]}: opens the desktop console (the same as {@code mvn javafx:run}); its
 * arguments ({@code --autostart}, {@code --port N}, {@code --listen HOST}, {@code --runs DIR},
 * {@code --scenarios DIR}) are passed through and validated by the console.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Open the desktop console (same as mvn javafx:run); arguments such as --autostart and --port N "
                + "are passed to it.")
public final class ConsoleCommand implements Callable<Integer> {
    /** Everything after {@code console}, handed to the console, which names a bad one in its window. */
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        ConsoleLauncher.main(args.toArray(String[]::new));
        return 0;
    }
}
