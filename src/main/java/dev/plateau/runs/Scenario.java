package dev.plateau.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.Sizes;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A soak scenario: an embedded collector's config and policies, timed bursts, and a settle time. Read from JSON;
 * every problem is an {@link IllegalArgumentException} whose message names the field ({@code bursts[1].requests:
 * must be >= 1, was 0}); unknown fields are rejected, so a typo does not silently fall back to a default.
 *
 * <pre>{@code
 * {
 *   "name": "seed-before",
 *   "collector": {"buffer_chunk_size": "1M", "buffer_max_size": "8M"},
 *   "policies": {"shrink": false, "reinit": false, "idle_timeout": "0s"},
 *   "sample_interval": "250ms",
 *   "bursts": [{"at_s": 0, "requests": 400, "delay_ms": 100, "connections": 10,
 *               "reconnect_every": 20, "abandon": true, "lines": 4500, "tag": "app.logs"}],
 *   "settle_s": 5
 * }
 * Scenario s = Scenario.load(Path.of("samples/scenarios/seed-before.json"));
 * }</pre>
 *
 * Collector sizes use Fluent Bit's decimal syntax ({@code 512K}, {@code 8M}); the collector always binds an
 * ephemeral loopback port and runs without a monitor port.
 *
 * @param name           label of the recorded run
 * @param description    free text, may be empty
 * @param collector      the embedded collector's config (policies included)
 * @param sampleInterval how often the sampler runs
 * @param bursts         bursts, sorted by {@code at_s}
 * @param settleS        seconds to keep sampling after the last burst ended
 * @param source         the JSON as read (stored in {@code run.json})
 */
public record Scenario(String name, String description, CollectorConfig collector, Duration sampleInterval,
                       List<ScenarioBurst> bursts, double settleS, JsonNode source) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP = Set.of("name", "description", "collector", "policies", "sample_interval",
            "bursts", "settle_s");
    private static final Set<String> COLLECTOR = Set.of("buffer_chunk_size", "buffer_max_size", "mem_buf_limit",
            "workers", "allocator", "buffer_model", "output", "flush", "max_connections", "http2",
            "successful_response_code", "tag");
    private static final Set<String> POLICIES = Set.of("shrink", "reinit", "idle_timeout");
    private static final Set<String> BURST = Set.of("at_s", "requests", "delay_ms", "rate", "connections",
            "reconnect_every", "abandon", "hold", "lines", "payload", "gzip", "tag", "timeout");

    public Scenario {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("name: letters, digits, '_', '.', '-' only, was '" + name + "'");
        }
        if (bursts == null || bursts.isEmpty()) {
            throw new IllegalArgumentException("bursts: give at least one burst");
        }
        bursts = bursts.stream().sorted(java.util.Comparator.comparingDouble(ScenarioBurst::atS)).toList();
        if (!(settleS >= 0) || Double.isInfinite(settleS)) {
            throw new IllegalArgumentException("settle_s: must be >= 0 seconds, was " + settleS);
        }
        if (sampleInterval == null || sampleInterval.toMillis() < 10) {
            throw new IllegalArgumentException("sample_interval: must be >= 10ms");
        }
    }

    /** Reads a scenario file; relative {@code payload} paths resolve against its directory. */
    public static Scenario load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no scenario file " + file);
        }
        Path base = file.toAbsolutePath().getParent();
        String json;
        try {
            json = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        }
        try {
            return parse(json, base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static Scenario parse(String json, Path baseDir) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a scenario must be a JSON object");
        }
        known(root, TOP, "");
        JsonNode c = object(root, "collector");
        JsonNode p = object(root, "policies");
        known(c, COLLECTOR, "collector.");
        known(p, POLICIES, "policies.");
        CollectorConfig.Builder b = CollectorConfig.builder().port(0).monitorPort(0);
        if (c.has("buffer_chunk_size")) b.bufferChunkSize(size(c, "collector.buffer_chunk_size"));
        if (c.has("buffer_max_size")) b.bufferMaxSize(size(c, "collector.buffer_max_size"));
        if (c.has("mem_buf_limit")) b.memBufLimit(size(c, "collector.mem_buf_limit"));
        if (c.has("workers")) b.workers(integer(c, "workers", "collector."));
        if (c.has("max_connections")) b.maxConnections(integer(c, "max_connections", "collector."));
        if (c.has("successful_response_code")) b.successfulResponseCode(integer(c, "successful_response_code", "collector."));
        if (c.has("allocator")) b.allocator(text(c, "allocator", "collector."));
        if (c.has("buffer_model")) b.bufferModel(text(c, "buffer_model", "collector."));
        if (c.has("output")) b.output(text(c, "output", "collector."));
        if (c.has("tag")) b.tag(text(c, "tag", "collector."));
        if (c.has("flush")) b.flush(duration(c, "flush", "collector."));
        if (c.has("http2")) b.http2(bool(c, "http2", "collector."));
        if (p.has("shrink")) b.shrink(bool(p, "shrink", "policies."));
        if (p.has("reinit")) b.reinit(bool(p, "reinit", "policies."));
        if (p.has("idle_timeout")) b.idleTimeout(duration(p, "idle_timeout", "policies."));
        CollectorConfig config;
        try {
            config = b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("collector." + e.getMessage(), e);
        }
        JsonNode list = root.path("bursts");
        if (!list.isArray()) {
            throw new IllegalArgumentException("bursts: must be a list of bursts");
        }
        List<ScenarioBurst> bursts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            bursts.add(burst(list.get(i), "bursts[" + i + "].", baseDir));
        }
        Duration interval = root.has("sample_interval") ? duration(root, "sample_interval", "") : Duration.ofMillis(250);
        double settle = root.has("settle_s") ? number(root, "settle_s", "") : 5;
        String name = root.has("name") ? text(root, "name", "") : null;
        String description = root.has("description") ? text(root, "description", "") : "";
        return new Scenario(name, description, config, interval, bursts, settle, root);
    }

    private static ScenarioBurst burst(JsonNode n, String at, Path baseDir) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(at.substring(0, at.length() - 1) + ": must be an object");
        }
        known(n, BURST, at);
        Path payload = n.has("payload") ? baseDir.resolve(text(n, "payload", at)).normalize() : null;
        if (payload != null && !Files.isRegularFile(payload)) {
            throw new IllegalArgumentException(at + "payload: no such file " + payload);
        }
        try {
            return new ScenarioBurst(n.has("at_s") ? number(n, "at_s", at) : 0, integer(n, "requests", at),
                    n.has("delay_ms") ? integer(n, "delay_ms", at) : 0, n.has("rate") ? number(n, "rate", at) : 0,
                    n.has("connections") ? integer(n, "connections", at) : 1,
                    n.has("reconnect_every") ? integer(n, "reconnect_every", at) : 0,
                    n.has("abandon") && bool(n, "abandon", at), n.has("hold") && bool(n, "hold", at),
                    n.has("lines") ? integer(n, "lines", at) : 10, payload, n.has("gzip") && bool(n, "gzip", at),
                    n.has("tag") ? text(n, "tag", at) : null,
                    n.has("timeout") ? duration(n, "timeout", at) : Duration.ofSeconds(30));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(at) ? e.getMessage() : at + e.getMessage(), e);
        }
    }

    private static void known(JsonNode node, Set<String> allowed, String at) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(at + key + ": unknown field (known: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static JsonNode object(JsonNode root, String key) {
        JsonNode n = root.path(key);
        if (n.isMissingNode()) {
            return JSON.createObjectNode();
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(key + ": must be an object");
        }
        return n;
    }

    private static long size(JsonNode n, String path) {
        JsonNode v = n.get(path.substring(path.indexOf('.') + 1));
        try {
            return v.isNumber() ? v.longValue() : Sizes.parseSize(v.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage());
        }
    }

    private static int integer(JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        if (v == null) {
            throw new IllegalArgumentException(at + key + ": is required");
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(at + key + ": must be a whole number, was " + v);
        }
        return v.intValue();
    }

    private static double number(JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        if (!v.isNumber()) {
            throw new IllegalArgumentException(at + key + ": must be a number, was " + v);
        }
        return v.doubleValue();
    }

    private static boolean bool(JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(at + key + ": must be true or false, was " + v);
        }
        return v.booleanValue();
    }

    private static String text(JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(at + key + ": must be a string, was " + v);
        }
        return v.textValue();
    }

    private static Duration duration(JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        try {
            return v.isNumber() ? Duration.ofMillis(Math.round(v.doubleValue() * 1000)) : Sizes.parseDuration(v.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + key + ": " + e.getMessage());
        }
    }

    /**
     * The JSON of each burst in the order of {@link #bursts()} (sorted by {@code at_s}, like the records), so
     * that the i-th report of a run sits next to the spec that produced it even when the file lists the bursts
     * in another order.
     */
    public List<JsonNode> burstSources() {
        List<JsonNode> out = new ArrayList<>();
        source.path("bursts").forEach(out::add);
        out.sort(java.util.Comparator.comparingDouble(n -> n.path("at_s").asDouble(0)));
        return out;
    }

    /** Requests of all bursts together. */
    public long plannedRequests() {
        return bursts.stream().mapToLong(ScenarioBurst::requests).sum();
    }

    /** The collector settings written to {@code run.json}. */
    public Map<String, Object> collectorJson() {
        CollectorConfig c = collector;
        return Map.of("buffer_chunk_size", c.bufferChunkSize(), "buffer_max_size", c.bufferMaxSize(),
                "mem_buf_limit", c.memBufLimit(), "workers", c.workers(), "allocator", c.allocator(),
                "buffer_model", c.bufferModel(), "output", c.output(), "shrink", c.shrink(), "reinit", c.reinit(),
                "idle_timeout", Sizes.formatDuration(c.idleTimeout()));
    }
}
