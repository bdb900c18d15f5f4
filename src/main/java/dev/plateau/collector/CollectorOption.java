package dev.plateau.collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One collector option, declared once in {@link CollectorOptions} (Fluent Bit's {@code struct flb_config_map}
 * entry): its name, value type, default, one-line doc, where it is read from and whether it can be switched on a
 * running collector. Every surface derives from it: {@code plateau collect} flags, Fluent Bit config keys,
 * scenario JSON, the policies endpoint, the console's fields and the README's option table.
 *
 * <pre>{@code
 * CollectorOption<Long> chunk = CollectorOptions.BUFFER_CHUNK_SIZE;
 * chunk.flag();                                   // "--buffer-chunk-size"
 * chunk.read("1M", warnings::add);                // 1000000, checked
 * builder.set(chunk, 1_000_000L);
 * }</pre>
 *
 * Declarations are built with the package-private chained setters below, only while {@link CollectorOptions}
 * initialises; afterwards an option never changes.
 *
 * @param <T> the value's Java type
 */
public final class CollectorOption<T> {
    /** The Fluent Bit config section a key is read from. */
    public enum Section { SERVICE, INPUT, OUTPUT }

    private final String name;
    private final OptionType<T> type;
    private final T defaultValue;
    private final String doc;
    private final Function<CollectorConfig, T> getter;
    private String flag;
    private Section section = Section.INPUT;
    private String fileKey;
    private final List<String> fileAliases = new ArrayList<>();
    private String outputPlugin;
    private boolean live;
    private boolean inScenario = true;
    private boolean multiple;
    private UnaryOperator<T> fallback;
    private String fallbackNote;

    CollectorOption(String name, OptionType<T> type, T defaultValue, Function<CollectorConfig, T> getter, String doc) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.defaultValue = defaultValue;
        this.getter = Objects.requireNonNull(getter);
        this.doc = Objects.requireNonNull(doc);
        this.flag = "--" + name.replace('_', '-');
        this.fileKey = name;
    }

    // ---- declaration (CollectorOptions only) ----

    CollectorOption<T> flag(String flag) {
        this.flag = flag;
        return this;
    }

    /** The key in the Fluent Bit file ({@code null}: not a plain key, the reader composes it) and its aliases. */
    CollectorOption<T> file(Section section, String key, String... aliases) {
        this.section = section;
        this.fileKey = key;
        this.fileAliases.addAll(List.of(aliases));
        return this;
    }

    /** Read only in an {@code [OUTPUT]} of this plugin ({@code file}, {@code http}). */
    CollectorOption<T> outputPlugin(String plugin) {
        this.outputPlugin = plugin;
        return this;
    }

    /** Switchable on a running collector ({@link Policies}); scenarios set it under {@code policies}. */
    CollectorOption<T> switchable() {
        this.live = true;
        return this;
    }

    /** Not accepted in scenarios (the scenario player fixes it, e.g. an ephemeral port). */
    CollectorOption<T> notInScenarios() {
        this.inScenario = false;
        return this;
    }

    /** May be given several times; each occurrence adds to the list (Fluent Bit's {@code FLB_CONFIG_MAP_MULT}). */
    CollectorOption<T> repeatable() {
        this.multiple = true;
        return this;
    }

    /** A value the check rejects is first mapped by {@code fallback}, with a warning ending in {@code note}. */
    CollectorOption<T> fallback(UnaryOperator<T> fallback, String note) {
        this.fallback = fallback;
        this.fallbackNote = note;
        return this;
    }

    // ---- use ----

    /** snake_case name: scenario JSON key, policies endpoint key, and the prefix of every error about it. */
    public String name() {
        return name;
    }

    public OptionType<T> type() {
        return type;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** The {@code plateau collect} flag. */
    public String flag() {
        return flag;
    }

    public Section section() {
        return section;
    }

    /** The Fluent Bit config key (lower case), or null when the reader composes the value from several keys. */
    public String fileKey() {
        return fileKey;
    }

    /** True when {@code key} (lower case) names this option in {@code section} of a Fluent Bit file. */
    public boolean readsFileKey(Section in, String plugin, String key) {
        return section == in && (outputPlugin == null || outputPlugin.equals(plugin))
                && (key.equals(fileKey) || fileAliases.contains(key));
    }

    public boolean live() {
        return live;
    }

    public boolean inScenario() {
        return inScenario;
    }

    public boolean multiple() {
        return multiple;
    }

    /** The option's value in {@code config}. */
    public T get(CollectorConfig config) {
        return getter.apply(config);
    }

    /** Parses {@code text}, maps a rejected value through the fallback (warning), checks; no name in messages. */
    public T read(String text, Consumer<String> warnings) {
        return checked(type.parse(text), warnings);
    }

    /** Like {@link #read} for a JSON value ({@code String}, {@code Number}, {@code Boolean} or {@code List}). */
    public T readJson(Object json, Consumer<String> warnings) {
        return checked(type.fromJson(json), warnings);
    }

    /** Reads {@code text} into {@code b}; a {@link #multiple()} option adds to the builder's list. */
    public void apply(CollectorConfig.Builder b, String text, Consumer<String> warnings) {
        b.add(this, read(text, warnings));
    }

    /** Throws {@link IllegalArgumentException} ({@code name: problem}) unless {@code value} is allowed. */
    public void validate(T value) {
        if (value == null && defaultValue == null) {
            return;
        }
        if (value == null) {
            throw new IllegalArgumentException(name + ": must be set");
        }
        try {
            type.validate(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private T checked(T value, Consumer<String> warnings) {
        if (fallback != null) {
            T mapped = fallback.apply(value);
            if (!Objects.equals(mapped, value)) {
                warnings.accept(name + " " + type.format(value) + " " + fallbackNote + "; using " + type.format(mapped));
                value = mapped;
            }
        }
        type.validate(value);
        return value;
    }

    /** The option's row in the README table: flag, key, default, doc. */
    public String describeDefault() {
        if (defaultValue == null || defaultValue instanceof List<?> l && l.isEmpty()) {
            return "unset";
        }
        return type.format(defaultValue);
    }

    @Override
    public String toString() {
        return name;
    }
}
