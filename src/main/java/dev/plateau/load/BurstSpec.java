package dev.plateau.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One load burst, validated on construction (messages name the option, as the CLI flag).
 *
 * @param target         URL to POST to: the embedded collector or any HTTP endpoint (e.g. a real Fluent Bit)
 * @param requests       total requests N (> 0)
 * @param delayMs        pause between requests on each connection, in ms (0 = none); exclusive with {@code rate}
 * @param rate           constant total rate in requests/s across all connections (0 = unpaced)
 * @param connections    keep-alive connections C (each a real channel)
 * @param reconnectEvery open a new connection after every K requests on one (0 = never)
 * @param abandon        with {@code reconnectEvery}: leave the old connection open instead of closing it
 * @param hold           keep connections open after the burst (until the handle's {@code closeHeld()})
 * @param lines          generated payload: a JSON array of this many log records (~1.1 KB each); used when {@code payloadFile} is null
 * @param payloadFile    a file whose bytes are sent as the body (Content-Type from its extension: .json or form), or null
 * @param gzip           send the body gzip-compressed with {@code Content-Encoding: gzip}
 * @param tag            if non-null, replaces the target's path with {@code /tag}
 * @param timeout        per-request timeout (an unanswered request counts as failed)
 */
public record BurstSpec(
        URI target,
        int requests,
        long delayMs,
        double rate,
        int connections,
        int reconnectEvery,
        boolean abandon,
        boolean hold,
        int lines,
        Path payloadFile,
        boolean gzip,
        String tag,
        Duration timeout) {

    public BurstSpec {
        Objects.requireNonNull(target, "target");
        if (!"http".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
            throw new IllegalArgumentException("--target: must be an http://host:port/path URL, was '" + target + "'");
        }
        if (requests < 1) {
            throw new IllegalArgumentException("--requests: must be >= 1, was " + requests);
        }
        if (delayMs < 0) {
            throw new IllegalArgumentException("--delay-ms: must be >= 0, was " + delayMs);
        }
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate: must be >= 0, was " + rate);
        }
        if (delayMs > 0 && rate > 0) {
            throw new IllegalArgumentException("--delay-ms and --rate: give one of them, not both");
        }
        if (connections < 1 || connections > 10_000) {
            throw new IllegalArgumentException("--connections: must be 1-10000, was " + connections);
        }
        if (reconnectEvery < 0) {
            throw new IllegalArgumentException("--reconnect-every: must be >= 0 (0 = never), was " + reconnectEvery);
        }
        if (abandon && reconnectEvery == 0) {
            throw new IllegalArgumentException("--abandon: needs --reconnect-every K");
        }
        if (payloadFile == null && (lines < 1 || lines > 1_000_000)) {
            throw new IllegalArgumentException("--lines: must be 1-1000000, was " + lines);
        }
        if (tag != null && !tag.matches("[A-Za-z0-9_.\\-]+")) {
            throw new IllegalArgumentException("--tag: letters, digits, '_', '.', '-' only, was '" + dev.plateau.events.Printable.of(tag) + "'");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout: must be > 0, was " + timeout);
        }
    }

    /** A spec with sensible defaults: 100 requests, 1 connection, 10 lines, 30 s timeout. */
    public static BurstSpec simple(URI target, int requests, int connections, int lines) {
        return new BurstSpec(target, requests, 0, 0, connections, 0, false, false, lines, null, false, null,
                Duration.ofSeconds(30));
    }
}
