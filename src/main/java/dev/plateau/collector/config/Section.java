package dev.plateau.collector.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One section of a Fluent Bit configuration, whichever format it came from: {@code [SERVICE]}, one
 * {@code [INPUT]} or one {@code [OUTPUT]} (YAML: {@code service:}, an item of {@code pipeline.inputs} or
 * {@code pipeline.outputs}). Keys are lower-cased (Fluent Bit's keys are case-insensitive); each entry keeps its
 * file and line so errors can point at it.
 */
public final class Section {
    /** Which part of the pipeline a section configures. */
    public enum Kind { SERVICE, INPUT, OUTPUT, FILTER, PARSER, OTHER }

    /** One {@code key value} line. */
    public record Entry(String key, String value, Path file, int line) {
    }

    private final Kind kind;
    private final String rawName;
    private final Path file;
    private final int line;
    private final List<Entry> entries = new ArrayList<>();

    public Section(Kind kind, String rawName, Path file, int line) {
        this.kind = kind;
        this.rawName = rawName;
        this.file = file;
        this.line = line;
    }

    public static Kind kindOf(String name) {
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "SERVICE" -> Kind.SERVICE;
            case "INPUT" -> Kind.INPUT;
            case "OUTPUT" -> Kind.OUTPUT;
            case "FILTER" -> Kind.FILTER;
            case "PARSER", "MULTILINE_PARSER" -> Kind.PARSER;
            default -> Kind.OTHER;
        };
    }

    public void add(String key, String value, Path entryFile, int entryLine) {
        entries.add(new Entry(key.toLowerCase(Locale.ROOT), value, entryFile, entryLine));
    }

    public Kind kind() {
        return kind;
    }

    public String rawName() {
        return rawName;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The last entry with this key (Fluent Bit: a later key overrides an earlier one). */
    public Optional<Entry> get(String key) {
        Entry found = null;
        for (Entry e : entries) {
            if (e.key().equals(key)) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The plugin name ({@code Name}), lower-cased, or empty. */
    public String pluginName() {
        return get("name").map(e -> e.value().trim().toLowerCase(Locale.ROOT)).orElse("");
    }
}
