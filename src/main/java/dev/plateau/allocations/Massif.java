package dev.plateau.allocations;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The live heap over time from {@code heaptrack_print -M FILE} (valgrind massif's format): one point per snapshot,
 * {@code time=} seconds since heaptrack started in the target and {@code mem_heap_B=} bytes allocated and not yet
 * freed. heaptrack 1.4 writes every detailed tree as "all below massif's threshold", so only the totals are read.
 *
 * <pre>{@code
 * List<Massif.Point> heap = Massif.read(runDir.resolve("heaptrack.massif"));
 * }</pre>
 */
public final class Massif {
    /** @param timeS seconds since the target started; @param heapBytes live heap then */
    public record Point(double timeS, long heapBytes) {
    }

    private Massif() {
    }

    public static List<Point> read(Path file) throws IOException {
        List<Point> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            double time = Double.NaN;
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                try {
                    if (line.startsWith("time=")) {
                        time = Double.parseDouble(line.substring(5).trim());
                    } else if (line.startsWith("mem_heap_B=")) {
                        if (Double.isNaN(time)) {
                            throw new NumberFormatException("mem_heap_B before any time=");
                        }
                        out.add(new Point(time, Long.parseLong(line.substring(11).trim())));
                        time = Double.NaN;
                    }
                } catch (NumberFormatException e) {
                    throw new IOException("corrupt massif file " + file + ", line " + number + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }
}
