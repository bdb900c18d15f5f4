package dev.plateau.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The crash-consistency rule for the CSV files of a run ({@code samples.csv}, {@code events.csv}): only complete
 * records count. The recorder ends every record with CRLF and flushes after it, so a process killed (or a disk
 * filled) while writing leaves at most one cut record at the end — cut inside a number, it would otherwise read as a
 * wrong value. The file is read as bytes, cut after the last CRLF that lies outside a quoted field (event messages
 * may hold quoted line breaks), and only then decoded, so a multi-byte character cut in half is dropped too. A file
 * cut inside its header has no complete record at all: the empty text.
 *
 * <pre>{@code
 * String text = CompleteRows.read(dir.resolve("samples.csv"));   // what a reader may parse
 * }</pre>
 */
public final class CompleteRows {
    private CompleteRows() {
    }

    /** The complete records of {@code file} as text. */
    public static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new String(bytes, 0, completeLength(bytes), StandardCharsets.UTF_8);
    }

    /** Length of the longest prefix of {@code bytes} made of complete CRLF-terminated records. */
    static int completeLength(byte[] bytes) {
        int end = 0;
        boolean quoted = false;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '"') {
                quoted = !quoted; // an escaped quote ("") toggles twice
            } else if (!quoted && b == '\n' && i > 0 && bytes[i - 1] == '\r') {
                end = i + 1;
            }
        }
        return end;
    }
}
