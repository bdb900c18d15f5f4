package dev.plateau.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.CollectorOption;
import dev.plateau.collector.CollectorOptions;
import dev.plateau.collector.OptionType;
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
            "bursts", "settle_s", "target");
    private static final Set<String> BURST = Set.of("at_s", "requests", "delay_ms", "rate", "connections",
            "reconnect_every", "abandon", "hold", "lines", "payload", "gzip", "tag", "timeout");

    public Scenario {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("name: letters, digits, '_', '.', '-' only, was '"
                    + dev.plateau.events.Printable.of(name) + "'");
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
            throw new IllegalArgumentException("not valid JSON: " + dev.plateau.events.Printable.of(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a scenario must be a JSON object");
        }
        known(root, TOP, "");
        dev.plateau.targets.TargetSpec.fromJson(root.get("target"));
        JsonNode c = object(root, "collector");
        JsonNode p = object(root, "policies");
        CollectorConfig.Builder b = CollectorConfig.builder().port(0).monitorPort(0);
        options(c, false, "collector.", b);
        options(p, true, "policies.", b);
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

    /**
     * Applies the catalogue options in {@code node}: the live ones under {@code policies}, the others (except those
     * a scenario fixes, such as the port) under {@code collector}. Unknown keys are errors naming the known ones.
     */
    private static void options(JsonNode node, boolean live, String at, CollectorConfig.Builder b) {
        List<CollectorOption<?>> allowed = CollectorOptions.ALL.stream()
                .filter(o -> o.inScenario() && o.live() == live).toList();
        known(node, allowed.stream().map(CollectorOption::name).collect(java.util.stream.Collectors.toSet()), at);
        for (CollectorOption<?> o : allowed) {
            if (node.has(o.name())) {
                apply(o, JSON.convertValue(node.get(o.name()), Object.class), at, b);
            }
        }
    }

    private static <T> void apply(CollectorOption<T> o, Object json, String at, CollectorConfig.Builder b) {
        try {
            b.set(o, o.readJson(json, w -> { }));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + (e.getMessage().startsWith(o.name() + ":") ? e.getMessage()
                    : o.name() + ": " + e.getMessage()), e);
        }
    }

    private static ScenarioBurst burst(JsonNode n, String at, Path baseDir) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(at.substring(0, at.length() - 1) + ": must be an object");
        }
        known(n, BURST, at);
        Path payload = n.has("payload") ? baseDir.resolve(text(n, "payload", at)).normalize() : null;
        if (payload != null && !Files.isRegularFile(payload)) {
            throw new IllegalArgumentException(at + "payload: no such file "
                    + dev.plateau.events.Printable.of(String.valueOf(payload)));
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
                throw new IllegalArgumentException(at + dev.plateau.events.Printable.of(key) + ": unknown field (known: "
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


    /** The field {@code key} of {@code n} read with a catalogue type; problems name {@code at + key}. */
    private static <T> T value(OptionType<T> type, JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        if (v == null) {
            throw new IllegalArgumentException(at + key + ": is required");
        }
        try {
            T t = type.fromJson(JSON.convertValue(v, Object.class));
            type.validate(t);
            return t;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + key + ": " + e.getMessage(), e);
        }
    }

    private static int integer(JsonNode n, String key, String at) {
        return value(OptionType.INTEGER, n, key, at);
    }

    private static double number(JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        if (!v.isNumber()) {
            throw new IllegalArgumentException(at + key + ": must be a number, was " + v);
        }
        return v.doubleValue();
    }

    private static boolean bool(JsonNode n, String key, String at) {
        return value(OptionType.SWITCH, n, key, at);
    }

    private static String text(JsonNode n, String key, String at) {
        return value(OptionType.TEXT, n, key, at);
    }

    private static Duration duration(JsonNode n, String key, String at) {
        return value(OptionType.DURATION, n, key, at);
    }

    /**
     * The JSON of each burst in the order of {@link #bursts()} (sorted by {@code at_s}, like the records), so
     * that the i-th report of a run sits next to the spec that produced it even when the file lists the bursts
     * in another order.
     */
    /** The scenario's {@code target} (a command or PID to judge instead of the embedded collector), or {@code null}. */
    public dev.plateau.targets.TargetSpec target() {
        return dev.plateau.targets.TargetSpec.fromJson(source.get("target"));
    }

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

    /** The collector settings written to {@code run.json}: every scenario option, as scenario JSON spells it. */
    public Map<String, Object> collectorJson() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (CollectorOption<?> o : CollectorOptions.ALL) {
            if (o.inScenario()) {
                Object v = json(o, collector);
                if (v != null) {
                    out.put(o.name(), v);
                }
            }
        }
        return out;
    }

    private static <T> Object json(CollectorOption<T> o, CollectorConfig c) {
        return o.type().toJson(o.get(c));
    }
}
