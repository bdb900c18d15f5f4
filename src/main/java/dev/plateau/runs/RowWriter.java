package dev.plateau.runs;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Appends CSV records to a run file, each record handed to the operating system in one write as soon as it is
 * formatted: nothing waits in a Java buffer, so a kill -9 loses nothing already appended, and there is never a
 * half-written buffer to be written again later. After a failed write (a full disk) the writer is broken: every
 * later record is refused with the first error, so the file ends with complete records and at most one cut record,
 * which {@link CompleteRows} drops when the file is read. A plain {@link FileOutputStream}, not a {@code FileChannel}:
 * a channel is closed for good when the writing thread is interrupted (a cancelled scenario, a sampler being
 * stopped), which would end a recording that has nothing wrong with it.
 *
 * <pre>{@code
 * try (RowWriter w = RowWriter.create(dir.resolve("events.csv"))) { w.row(List.of("epoch_ms", "kind")); }
 * }</pre>
 */
final class RowWriter implements AutoCloseable {
    private final FileOutputStream out;
    private final StringBuilder text = new StringBuilder(256);
    private IOException failure;

    private RowWriter(FileOutputStream out) {
        this.out = out;
    }

    /** Creates (or truncates) {@code file}. */
    static RowWriter create(Path file) throws IOException {
        return new RowWriter(new FileOutputStream(file.toFile()));
    }

    /** Writes one record ({@link SampleCsv#FORMAT}); throws the first write error again once the writer is broken. */
    void row(List<?> values) throws IOException {
        if (failure != null) {
            throw failure;
        }
        text.setLength(0);
        SampleCsv.FORMAT.printRecord(text, values.toArray());
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            out.write(bytes); // one write(2) loop in the JDK until every byte is taken
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** The write error that broke this writer, or null. */
    IOException failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
