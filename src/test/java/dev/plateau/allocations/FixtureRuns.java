package dev.plateau.allocations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Run folders made of heaptrack_print outputs recorded here (src/test/resources/allocations/NAME.heaptrack.txt). */
public final class FixtureRuns {
    private FixtureRuns() {
    }

    /** {@code root/NAME} with the recorded report and a minimal allocations.json (no heap.csv). */
    public static Path create(Path root, String name) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        try (InputStream in = FixtureRuns.class.getResourceAsStream("/allocations/" + name + ".heaptrack.txt")) {
            Files.copy(Objects.requireNonNull(in, name), dir.resolve(HeaptrackProfile.REPORT));
        }
        Files.writeString(dir.resolve(AllocationRun.META),
                "{\"label\": \"" + name + "\", \"command\": [\"fluent-bit\"], \"target_pid\": 1}");
        return dir;
    }
}
