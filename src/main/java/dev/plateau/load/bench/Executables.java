package dev.plateau.load.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds an executable on the {@code PATH}, as a shell would. */
final class Executables {
    private Executables() {
    }

    /** The first executable named {@code name} on the {@code PATH}, or {@code null}. */
    static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, name);
            if (candidate != null && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
