package dev.plateau.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * How to authenticate to Prometheus: nothing, a bearer token, or basic auth ({@code user:password}), read from an
 * environment variable or a file so it never appears on a command line or in a process list. The secret is read
 * once and kept only as the {@code Authorization} header value; {@link #toString()} and every error message name
 * where it came from, never what it is.
 *
 * <pre>{@code
 * Auth auth = Auth.bearerFromEnv("PROM_TOKEN", System.getenv());
 * Auth auth = Auth.basicFromFile(Path.of("/run/secrets/prom"));      // the file holds user:password
 * }</pre>
 */
public final class Auth {
    private static final Auth NONE = new Auth(null, "none");

    private final String header;
    private final String source;

    private Auth(String header, String source) {
        this.header = header;
        this.source = source;
    }

    public static Auth none() {
        return NONE;
    }

    public static Auth bearerFromEnv(String variable, Map<String, String> env) throws FleetException {
        return new Auth("Bearer " + fromEnv(variable, env), "bearer token from $" + variable);
    }

    public static Auth bearerFromFile(Path file) throws FleetException {
        return new Auth("Bearer " + fromFile(file), "bearer token from " + file);
    }

    public static Auth basicFromEnv(String variable, Map<String, String> env) throws FleetException {
        return basic(fromEnv(variable, env), "$" + variable);
    }

    public static Auth basicFromFile(Path file) throws FleetException {
        return basic(fromFile(file), file.toString());
    }

    private static Auth basic(String userColonPassword, String where) throws FleetException {
        if (!userColonPassword.contains(":")) {
            throw new FleetException("basic auth from " + where + " must be user:password (no ':' found)");
        }
        String encoded = Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
        return new Auth("Basic " + encoded, "basic auth from " + where);
    }

    private static String fromEnv(String variable, Map<String, String> env) throws FleetException {
        String v = env.get(variable);
        if (v == null || v.isBlank()) {
            throw new FleetException("environment variable " + variable + " is not set (it should hold the credential)");
        }
        return v.strip();
    }

    private static String fromFile(Path file) throws FleetException {
        try {
            String v = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (v.isEmpty()) {
                throw new FleetException("credential file " + file + " is empty");
            }
            return v;
        } catch (IOException e) {
            throw new FleetException("cannot read credential file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** The {@code Authorization} header value, if any. */
    Optional<String> header() {
        return Optional.ofNullable(header);
    }

    /** Where the credential came from (safe to print). */
    @Override
    public String toString() {
        return source;
    }
}
