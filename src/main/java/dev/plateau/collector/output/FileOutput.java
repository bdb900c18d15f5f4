package dev.plateau.collector.output;

import dev.plateau.collector.FileFormat;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Fluent Bit's {@code file} output: appends each chunk's events to one file as text lines, in out_file's default
 * format ({@code app.log: [1700000000.123456789, {"a":"1"}]}) or as {@code json_lines}
 * ({@code {"date":1700000000.123457,"a":"1"}}); see {@link EventJson}. A chunk is rendered in memory first and
 * written to the file with one call before the next chunk (a full disk or an unwritable file is an
 * {@link IOException}: the flusher retries the chunk, then drops it). The in-memory scratch is dropped when a chunk
 * grew it past 1 MiB, so a single huge chunk does not stay resident.
 * The file is opened in append mode at construction; after a failed write it is reopened on the next write.
 * Called from the flusher thread only.
 *
 * <pre>{@code
 * try (Output out = new FileOutput(Path.of("/tmp/out.log"), "out_file")) { out.write(tag, events, n); }
 * }</pre>
 */
public final class FileOutput implements Output {
    private final Path path;
    private final FileFormat format;
    private static final int SCRATCH = 64 * 1024;
    private static final int SCRATCH_KEEP = 1 << 20;

    private ByteArrayOutputStream lines = new ByteArrayOutputStream(SCRATCH);
    private FileChannel channel;

    /** Opens (creates) {@code path} for appending; {@code format} is {@code out_file} or {@code json_lines}. */
    public FileOutput(Path path, FileFormat format) throws IOException {
        this.path = path;
        this.format = format;
        this.channel = open();
    }

    @Override
    public void write(String tag, ByteBuf events, int records) throws IOException {
        lines.reset();
        EventJson.write(tag, events, format, lines);
        try {
            if (channel == null) {
                channel = open();
            }
            lines.writeTo(Channels.newOutputStream(channel));
        } catch (IOException e) {
            closeQuietly();
            throw new IOException("cannot write " + path + ": " + e.getMessage(), e);
        } finally {
            if (lines.size() > SCRATCH_KEEP) {
                lines = new ByteArrayOutputStream(SCRATCH);
            }
        }
    }

    @Override
    public String name() {
        return "file:" + path;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            channel = null;
        }
    }
}
