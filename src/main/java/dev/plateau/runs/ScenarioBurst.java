package dev.plateau.runs;

import dev.plateau.load.BurstSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One timed burst of a {@link Scenario}: {@link BurstSpec}'s fields (without the target, which is the
 * scenario's embedded collector) plus when it starts.
 *
 * @param atS            seconds after the scenario started ({@code at_s})
 * @param requests       {@code requests}
 * @param delayMs        {@code delay_ms}: pause between requests on each connection
 * @param rate           {@code rate}: constant total requests/s (exclusive with delay_ms)
 * @param connections    {@code connections}
 * @param reconnectEvery {@code reconnect_every}: new connection after K requests (0 = never)
 * @param abandon        {@code abandon}: leave the old connection open when reconnecting
 * @param hold           {@code hold}: keep the connections open after the burst (until the scenario ends)
 * @param lines          {@code lines}: generated JSON array of this many ~1.1 KB log records
 * @param payload        {@code payload}: a file sent as the body instead (relative to the scenario file), or null
 * @param gzip           {@code gzip}
 * @param tag            {@code tag}: request path {@code /tag}, or null for {@code /}
 * @param timeout        {@code timeout}: per request
 */
public record ScenarioBurst(double atS, int requests, long delayMs, double rate, int connections, int reconnectEvery,
                            boolean abandon, boolean hold, int lines, Path payload, boolean gzip, String tag,
                            Duration timeout) {

    public ScenarioBurst {
        if (!(atS >= 0) || Double.isInfinite(atS)) {
            throw new IllegalArgumentException("at_s: must be >= 0 seconds, was " + atS);
        }
        try {
            toSpec(URI.create("http://127.0.0.1:9880/"), requests, delayMs, rate, connections, reconnectEvery, abandon,
                    hold, lines, payload, gzip, tag, timeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(jsonNames(e.getMessage()), e);
        }
    }

    /** The burst aimed at {@code target}. */
    public BurstSpec toSpec(URI target) {
        return toSpec(target, requests, delayMs, rate, connections, reconnectEvery, abandon, hold, lines, payload, gzip,
                tag, timeout);
    }

    private static BurstSpec toSpec(URI target, int requests, long delayMs, double rate, int connections,
                                    int reconnectEvery, boolean abandon, boolean hold, int lines, Path payload,
                                    boolean gzip, String tag, Duration timeout) {
        return new BurstSpec(target, requests, delayMs, rate, connections, reconnectEvery, abandon, hold, lines, payload,
                gzip, tag, timeout);
    }

    /** BurstSpec names CLI flags ({@code --reconnect-every}); a scenario file uses JSON names ({@code reconnect_every}). */
    static String jsonNames(String message) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("--([a-z-]+)").matcher(message);
        while (m.find()) {
            String name = m.group(1).replace('-', '_');
            m.appendReplacement(out, name.equals("reconnect_every_k") ? "reconnect_every" : name);
        }
        m.appendTail(out);
        return out.toString().replace("reconnect_every K", "reconnect_every > 0");
    }

    /** Requests this burst plans. */
    public long plannedRequests() {
        return requests;
    }
}
