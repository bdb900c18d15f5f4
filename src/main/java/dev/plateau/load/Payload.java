package dev.plateau.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * A request body as it goes on the wire: bytes, {@code Content-Type} and, if compressed, {@code Content-Encoding}.
 * Built once per burst; the runner wraps the bytes once and sends a retained duplicate per request.
 *
 * <pre>{@code
 * Payload p = Payload.forSpec(spec);                       // generated lines or the file, gzipped if asked
 * Payload f = Payload.fromFile(Path.of("samples/payloads/form.txt"));   // application/x-www-form-urlencoded
 * }</pre>
 *
 * @param body            the bytes sent (compressed if {@code contentEncoding} is set)
 * @param contentType     {@code application/json} or {@code application/x-www-form-urlencoded}
 * @param contentEncoding {@code gzip}, or null for identity
 */
public record Payload(byte[] body, String contentType, String contentEncoding) {
    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";

    public Payload {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentType, "contentType");
    }

    /** Generated lines or the spec's file, gzip-compressed when the spec says so. */
    public static Payload forSpec(BurstSpec spec) {
        Payload plain = spec.payloadFile() != null
                ? fromFile(spec.payloadFile())
                : new Payload(PayloadGenerator.jsonArray(spec.lines(), PayloadGenerator.DEFAULT_SEED), JSON, null);
        return spec.gzip() ? plain.gzip() : plain;
    }

    /**
     * Reads a payload file. {@code .json} is JSON; {@code .form} and {@code .txt} are form-urlencoded
     * ({@code key=value&...}); any other extension is JSON if it starts with {@code {} or {@code [}, form if it
     * contains {@code =}. Throws {@link IllegalArgumentException} naming {@code --payload} when unreadable or unknown.
     */
    public static Payload fromFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--payload: cannot read " + file + " (" + e.getMessage() + ")", e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return new Payload(bytes, JSON, null);
        }
        if (name.endsWith(".form") || name.endsWith(".txt")) {
            return new Payload(trimTrailingNewlines(bytes), FORM, null);
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{") || text.startsWith("[")) {
            return new Payload(bytes, JSON, null);
        }
        if (text.contains("=")) {
            return new Payload(trimTrailingNewlines(bytes), FORM, null);
        }
        throw new IllegalArgumentException("--payload: " + file + " is neither JSON nor key=value form data");
    }

    /** The same body gzip-compressed, with {@code Content-Encoding: gzip}; returns this if already compressed. */
    public Payload gzip() {
        if (contentEncoding != null) {
            return this;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Payload(out.toByteArray(), contentType, "gzip");
    }

    private static byte[] trimTrailingNewlines(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end);
    }
}
