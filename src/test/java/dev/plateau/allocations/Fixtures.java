package dev.plateau.allocations;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** heaptrack_print outputs recorded on this machine (src/test/resources/allocations/). */
final class Fixtures {
    private Fixtures() {
    }

    static Reader reader(String name) {
        return new InputStreamReader(Objects.requireNonNull(Fixtures.class.getResourceAsStream("/allocations/" + name),
                name), StandardCharsets.UTF_8);
    }

    static HeaptrackReport report(String name) {
        try (Reader in = reader(name)) {
            return HeaptrackReport.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
