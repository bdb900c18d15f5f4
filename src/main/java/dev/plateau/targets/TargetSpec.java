package dev.plateau.targets;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run judges when it is not the embedded collector: a command Plateau launches, or a PID it attaches to,
 * with the URL bursts go to, the Prometheus endpoint to scrape and how long to wait for it to listen. In a command
 * and in both URLs {@code {port}} and {@code {metrics_port}} stand for free loopback ports chosen at launch.
 * Scenario JSON: {@code "target": {"command": "...", "url": "...", "metrics": "...", "ready_timeout_s": 10}}
 * (or {@code "pid": 1234} instead of {@code command}); {@code "profile": "heaptrack"} runs a launched command
 * under that profiler.
 *
 * @param command      the command line (split like a shell does: spaces, '…' and "…" quotes), or {@code null}
 * @param pid          the process to attach to, or 0
 * @param url          where bursts go ({@code http://127.0.0.1:{port}/})
 * @param metrics      the Prometheus text endpoint, or {@code null}
 * @param readyTimeout how long to wait until {@code url} accepts TCP connections
 * @param profile      a profiler to launch the command under ({@value #HEAPTRACK}), or {@code null}
 */
public record TargetSpec(String command, long pid, String url, String metrics, Duration readyTimeout, String profile) {
    public static final String HEAPTRACK = "heaptrack";
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> KEYS = Set.of("command", "pid", "url", "metrics", "ready_timeout_s", "profile");

    public TargetSpec {
        boolean launch = command != null && !command.isBlank();
        if (launch == (pid > 0)) {
            throw new IllegalArgumentException("target: give either a command to launch or a PID to attach to");
        }
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("target: --target-url is required (where bursts go)");
        }
        if (!url.startsWith("http://")) {
            throw new IllegalArgumentException("target url: must start with http://, was " + dev.plateau.events.Printable.of(url));
        }
        if (metrics != null && !metrics.isBlank() && !metrics.startsWith("http://")) {
            throw new IllegalArgumentException("target metrics: must start with http://, was " + dev.plateau.events.Printable.of(metrics));
        }
        if (launch) {
            split(command);
        }
        readyTimeout = readyTimeout == null ? DEFAULT_READY_TIMEOUT : readyTimeout;
        if (readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("ready timeout: must be > 0, was " + readyTimeout);
        }
        metrics = metrics == null || metrics.isBlank() ? null : metrics;
        profile = profile == null || profile.isBlank() ? null : profile;
        if (profile != null && !profile.equals(HEAPTRACK)) {
            throw new IllegalArgumentException("target profile: unknown '" + dev.plateau.events.Printable.of(profile) + "'; known: "
                    + HEAPTRACK);
        }
        if (profile != null && !launch) {
            throw new IllegalArgumentException("target profile: needs a command to launch (an attached PID cannot be profiled)");
        }
    }

    public TargetSpec(String command, long pid, String url, String metrics, Duration readyTimeout) {
        this(command, pid, url, metrics, readyTimeout, null);
    }

    /** The same target run under {@code p} ({@code null}: this one's own). */
    public TargetSpec withProfile(String p) {
        return p == null ? this : new TargetSpec(command, pid, url, metrics, readyTimeout, p);
    }

    public boolean launches() {
        return pid <= 0;
    }

    /** The {@code target} object of a scenario, or {@code null} when it has none. */
    public static TargetSpec fromJson(JsonNode t) {
        if (t == null || t.isNull() || t.isMissingNode()) {
            return null;
        }
        if (!t.isObject()) {
            throw new IllegalArgumentException("target: must be an object");
        }
        for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("target." + dev.plateau.events.Printable.of(k) + ": unknown field; known: "
                        + String.join(", ", KEYS));
            }
        }
        Duration ready = t.has("ready_timeout_s") ? Duration.ofMillis((long) (t.get("ready_timeout_s").asDouble() * 1000)) : null;
        return new TargetSpec(t.path("command").asText(null), t.path("pid").asLong(0), t.path("url").asText(null),
                t.path("metrics").asText(null), ready, t.path("profile").asText(null));
    }

    /** What {@code run.json} says about the target. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (launches()) {
            m.put("command", command);
        } else {
            m.put("pid", pid);
        }
        m.put("url", url);
        m.put("metrics", metrics);
        m.put("ready_timeout_s", readyTimeout.toMillis() / 1000.0);
        if (profile != null) {
            m.put("profile", profile);
        }
        return m;
    }

    /** Splits a command line as a POSIX shell would for words and quotes (no variables, globs or pipes). */
    public static List<String> split(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("target command: unterminated " + quote + " quote");
        }
        if (inWord) {
            out.add(word.toString());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("target command: empty");
        }
        return out;
    }
}
