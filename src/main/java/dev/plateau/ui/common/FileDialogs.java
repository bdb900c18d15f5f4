package dev.plateau.ui.common;

import java.io.File;
import java.util.function.Consumer;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The console's file dialogs with one memory: each opens in the folder last chosen in any of them (first time:
 * {@code samples/} for configurations, the working directory otherwise), so a user saving a PNG after exporting
 * CSV does not navigate again.
 */
public final class FileDialogs {
    private static File last;

    private FileDialogs() {
    }

    /** Opens a file chooser (save or open) in the last folder; calls {@code chosen} with the file, if any. */
    public static void file(Window owner, FileChooser chooser, boolean save, Consumer<File> chosen) {
        File dir = last != null ? last : chooser.getInitialDirectory();
        if (dir != null && dir.isDirectory()) {
            chooser.setInitialDirectory(dir);
        }
        File file = save ? chooser.showSaveDialog(owner) : chooser.showOpenDialog(owner);
        if (file != null) {
            last = file.getAbsoluteFile().getParentFile();
            chosen.accept(file);
        }
    }

    /** Opens a directory chooser in the last folder; calls {@code chosen} with the directory, if any. */
    public static void directory(Window owner, String title, Consumer<File> chosen) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (last != null && last.isDirectory()) {
            chooser.setInitialDirectory(last);
        }
        File dir = chooser.showDialog(owner);
        if (dir != null) {
            last = dir.getAbsoluteFile();
            chosen.accept(dir);
        }
    }

    /** The folder the next dialog opens in (null before the first choice). */
    public static File lastFolder() {
        return last;
    }
}
