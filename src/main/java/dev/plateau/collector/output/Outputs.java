package dev.plateau.collector.output;

import dev.plateau.collector.Compression;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.CollectorException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Builds the configured {@link Output}: {@code null} → {@link NullOutput}, {@code file:PATH} →
 * {@link FileOutput} in {@link CollectorConfig#fileFormat()}, {@code http://host:port/path} →
 * {@link HttpOutput} ({@code compress} from {@link CollectorConfig#outputCompress()}). An output that cannot be opened is a
 * {@link CollectorException} whose message is for the user.
 *
 * <pre>{@code
 * Output out = Outputs.create(config);
 * }</pre>
 */
public final class Outputs {
    private Outputs() {
    }

    public static Output create(CollectorConfig config) {
        String spec = config.output();
        if (spec.equals("null")) {
            return new NullOutput();
        }
        if (spec.startsWith("file:")) {
            Path path = Path.of(spec.substring("file:".length()));
            try {
                return new FileOutput(path, config.fileFormat());
            } catch (IOException | RuntimeException e) {
                throw new CollectorException("output " + spec + ": cannot open " + path + " for appending: " + e.getMessage(), e);
            }
        }
        if (spec.startsWith("https://")) {
            throw new CollectorException("output " + spec + ": TLS is not supported; use http://host:port/path");
        }
        if (spec.startsWith("http://")) {
            try {
                return new HttpOutput(URI.create(spec), config.outputCompress() == Compression.GZIP, HttpOutput.DEFAULT_TIMEOUT);
            } catch (IllegalArgumentException e) {
                throw new CollectorException("output " + spec + ": " + e.getMessage(), e);
            }
        }
        throw new CollectorException("output: unknown output '" + spec + "'");
    }
}
