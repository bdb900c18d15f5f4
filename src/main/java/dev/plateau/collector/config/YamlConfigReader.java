package dev.plateau.collector.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Fluent Bit's YAML format: {@code env:} (variables), {@code includes:} (other YAML files, relative to
 * this one), {@code service:} and {@code pipeline:} with {@code inputs:}, {@code filters:} and {@code outputs:}
 * lists. Read with Jackson's streaming YAML parser so every value keeps its line number for error messages.
 */
final class YamlConfigReader {
    private static final YAMLFactory YAML = new YAMLFactory();

    /** A parsed YAML node: a scalar with its line, a map or a list. */
    private sealed interface Node permits Scalar, MapNode, ListNode {
        int line();
    }

    private record Scalar(String text, int line) implements Node {
    }

    private record MapNode(Map<String, Node> entries, int line) implements Node {
    }

    private record ListNode(List<Node> items, int line) implements Node {
    }

    private final Variables variables;
    private final Deque<Path> including = new ArrayDeque<>();

    YamlConfigReader(Variables variables) {
        this.variables = variables;
    }

    List<Section> read(Path file) throws ConfigException {
        List<Section> sections = new ArrayList<>();
        read(file, sections);
        return sections;
    }

    private void read(Path file, List<Section> sections) throws ConfigException {
        Path abs = file.toAbsolutePath().normalize();
        if (including.contains(abs)) {
            throw new ConfigException(file, "includes cycle: " + abs + " includes itself");
        }
        Node root;
        try (JsonParser p = YAML.createParser(Files.newBufferedReader(abs))) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return;
            }
            root = parse(p, file);
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(root instanceof MapNode top)) {
            throw new ConfigException(file, root.line(), "the top level must be a mapping (service:, pipeline:)");
        }
        including.push(abs);
        try {
            Map<String, Node> entries = lowerKeys(top);
            if (entries.get("env") instanceof MapNode env) {
                for (Map.Entry<String, Node> e : env.entries().entrySet()) {
                    variables.set(e.getKey(), scalar(e.getValue(), file, e.getKey()));
                }
            }
            if (entries.get("includes") instanceof ListNode includes) {
                for (Node item : includes.items()) {
                    String target = variables.expand(scalar(item, file, "includes"), file, item.line());
                    Path included;
                    try {
                        included = abs.getParent().resolve(target);
                    } catch (InvalidPathException e) {
                        throw new ConfigException(file, item.line(), "includes: " + target + ": not a file name");
                    }
                    if (!Files.isRegularFile(included)) {
                        throw new ConfigException(file, item.line(), "includes: " + target + ": no such file");
                    }
                    read(included, sections);
                }
            }
            if (entries.get("service") instanceof MapNode service) {
                sections.add(section(Section.Kind.SERVICE, "service", service, file));
            }
            Node pipeline = entries.get("pipeline");
            if (pipeline instanceof MapNode pm) {
                Map<String, Node> parts = lowerKeys(pm);
                addList(parts.get("inputs"), Section.Kind.INPUT, "input", file, sections);
                addList(parts.get("filters"), Section.Kind.FILTER, "filter", file, sections);
                addList(parts.get("outputs"), Section.Kind.OUTPUT, "output", file, sections);
            } else if (pipeline != null) {
                throw new ConfigException(file, pipeline.line(), "pipeline: must be a mapping with inputs: and outputs:");
            }
            for (Map.Entry<String, Node> e : entries.entrySet()) {
                if (!List.of("env", "includes", "service", "pipeline", "parsers", "multiline_parsers", "plugins")
                        .contains(e.getKey())) {
                    Section unknown = new Section(Section.Kind.OTHER, e.getKey(), file, e.getValue().line());
                    sections.add(unknown);
                }
            }
        } finally {
            including.pop();
        }
    }

    private void addList(Node node, Section.Kind kind, String what, Path file, List<Section> sections)
            throws ConfigException {
        if (node == null) {
            return;
        }
        if (!(node instanceof ListNode list)) {
            throw new ConfigException(file, node.line(), "pipeline." + what + "s: must be a list of - name: ...");
        }
        for (Node item : list.items()) {
            if (!(item instanceof MapNode m)) {
                throw new ConfigException(file, item.line(), "each " + what + " must be a mapping with name:");
            }
            sections.add(section(kind, what, m, file));
        }
    }

    private Section section(Section.Kind kind, String name, MapNode map, Path file) throws ConfigException {
        Section s = new Section(kind, name, file, map.line());
        for (Map.Entry<String, Node> e : map.entries().entrySet()) {
            Node v = e.getValue();
            if (v instanceof ListNode list) {
                for (Node item : list.items()) {
                    s.add(e.getKey(), variables.expand(scalar(item, file, e.getKey()), file, item.line()), file, item.line());
                }
            } else {
                s.add(e.getKey(), variables.expand(scalar(v, file, e.getKey()), file, v.line()), file, v.line());
            }
        }
        return s;
    }

    private static String scalar(Node node, Path file, String key) throws ConfigException {
        if (node instanceof Scalar s) {
            return s.text();
        }
        throw new ConfigException(file, node.line(), key + ": expected a single value");
    }

    private static Map<String, Node> lowerKeys(MapNode m) {
        Map<String, Node> out = new LinkedHashMap<>();
        m.entries().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    private static Node parse(JsonParser p, Path file) throws IOException, ConfigException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Node> entries = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                entries.put(key, parse(p, file));
            }
            return new MapNode(entries, line);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(parse(p, file));
            }
            return new ListNode(items, line);
        }
        if (t != null && t.isScalarValue()) {
            // Fluent Bit reads every scalar as text: `name: null` is the null output, not a YAML null
            String text = p.getText();
            return new Scalar(text == null ? "" : text, line);
        }
        throw new ConfigException(file, line, "unexpected YAML token " + t);
    }
}
