package dev.plateau.collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * How a {@link CollectorOption}'s value is read from text (flags, config files), from JSON (scenarios, the
 * policies endpoint), written back, and checked: Fluent Bit's {@code FLB_CONFIG_MAP_*} types. Problems are
 * {@link IllegalArgumentException}s without the option's name (each surface prefixes its own: flag, key, JSON
 * path), e.g. {@code must be 0-65535, was 70000}.
 *
 * <pre>{@code
 * OptionType<Integer> port = OptionType.INTEGER.check(p -> p >= 0 && p <= 65535, "must be 0-65535");
 * port.parse("9880");            // 9880
 * OptionType.SIZE.parse("512K"); // 512000 (decimal, like flb_utils_size_to_bytes)
 * }</pre>
 *
 * @param <T> the Java type of the value
 */
public final class OptionType<T> {
    /** An enum whose constants are spelled in lower case in files and flags (with optional aliases). */
    public interface Choice {
        /** The constant's name ({@link Enum#name()}). */
        String name();

        /** The canonical spelling: the constant's name in lower case ({@code v5}, {@code json_lines}). */
        default String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Other accepted spellings ({@code plain} for {@code json_lines}). */
        default List<String> aliases() {
            return List.of();
        }
    }

    /** Fluent Bit size, decimal: {@code 512K} = 512000 bytes; a JSON number is bytes. */
    public static final OptionType<Long> SIZE = new OptionType<>("SIZE", Sizes::parseSize, Sizes::formatSize,
            json -> json instanceof Number n ? n.longValue() : Sizes.parseSize(text(json, "a size such as \"512K\"")),
            v -> v, List.of());
    /** Duration: {@code 500ms}, {@code 10s}; a bare or JSON number is seconds (Fluent Bit's {@code Flush 0.5}). */
    public static final OptionType<Duration> DURATION = new OptionType<>("DURATION", Sizes::parseDuration,
            Sizes::formatDuration, json -> json instanceof Number n ? Duration.ofMillis(Math.round(n.doubleValue() * 1000))
            : Sizes.parseDuration(text(json, "a duration such as \"10s\"")), Sizes::formatDuration, List.of());
    /** Whole number. */
    public static final OptionType<Integer> INTEGER = new OptionType<>("N", OptionType::parseInt, String::valueOf,
            json -> {
                if (json instanceof Integer || json instanceof Long l && l == l.intValue()) {
                    return ((Number) json).intValue();
                }
                throw new IllegalArgumentException("must be a whole number, was " + shown(json));
            }, v -> v, List.of());
    /** TCP port, 0 = any free port (or off, where the option says so). */
    public static final OptionType<Integer> PORT = INTEGER.label("PORT").check(p -> p >= 0 && p <= 65535, "must be 0-65535");
    /** Fluent Bit's booleans: {@code on/off}, {@code true/false}, {@code yes/no}; JSON true/false. */
    public static final OptionType<Boolean> SWITCH = new OptionType<>("on|off", OptionType::parseSwitch,
            v -> v ? "on" : "off", json -> {
                if (json instanceof Boolean b) {
                    return b;
                }
                throw new IllegalArgumentException("must be true or false, was " + shown(json));
            }, v -> v, List.of());
    /** Free text (not blank, unless the option's default is null: then blank means unset). */
    public static final OptionType<String> TEXT = new OptionType<>("TEXT", s -> s, s -> s,
            json -> text(json, "a string"), v -> v, List.of());

    private final String label;
    private final Function<String, T> parse;
    private final Function<T, String> format;
    private final Function<Object, T> fromJson;
    private final Function<T, Object> toJson;
    private final List<Check<T>> checks;

    private record Check<T>(Predicate<T> ok, String problem) {
    }

    private OptionType(String label, Function<String, T> parse, Function<T, String> format, Function<Object, T> fromJson,
            Function<T, Object> toJson, List<Check<T>> checks) {
        this.label = label;
        this.parse = parse;
        this.format = format;
        this.fromJson = fromJson;
        this.toJson = toJson;
        this.checks = List.copyOf(checks);
    }

    /** A type whose values must also satisfy {@code ok}; otherwise {@code problem + ", was " + value}. */
    public OptionType<T> check(Predicate<T> ok, String problem) {
        List<Check<T>> all = new ArrayList<>(checks);
        all.add(new Check<>(ok, problem));
        return new OptionType<>(label, parse, format, fromJson, toJson, all);
    }

    /** The same type shown as {@code label} in help ({@code PORT}, {@code N|no_limits}). */
    public OptionType<T> label(String label) {
        return new OptionType<>(label, parse, format, fromJson, toJson, checks);
    }

    /** A type read from text by {@code parse} and written by {@code format}; JSON values are strings. */
    public static <T> OptionType<T> of(String label, Function<String, T> parse, Function<T, String> format) {
        return new OptionType<>(label, parse, format, json -> parse.apply(text(json, "a string")), format::apply, List.of());
    }

    /** One of an enum's constants, by {@link Choice#text()} or an alias, case-insensitive. */
    public static <E extends Enum<E> & Choice> OptionType<E> choice(Class<E> type) {
        E[] all = type.getEnumConstants();
        String names = Arrays.stream(all).map(Choice::text).collect(Collectors.joining("|"));
        Function<String, E> parse = s -> {
            String t = s.trim().toLowerCase(Locale.ROOT);
            for (E e : all) {
                if (e.text().equals(t) || e.aliases().contains(t)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("must be " + names.replace("|", ", ") + ", was '"
                    + dev.plateau.events.Printable.of(s) + "'");
        };
        return new OptionType<>(names, parse, Choice::text, json -> parse.apply(text(json, "a string")), Choice::text,
                List.of());
    }

    /** A list whose items are read one at a time (repeated flag, repeated config key, JSON array). */
    public static <E> OptionType<List<E>> listOf(String label, Function<String, E> item, Function<E, String> format) {
        return new OptionType<>(label, s -> List.of(item.apply(s)),
                v -> v.stream().map(format).collect(Collectors.joining(", ")), json -> {
                    if (json instanceof List<?> l) {
                        return l.stream().map(o -> item.apply(text(o, "a string"))).toList();
                    }
                    return List.of(item.apply(text(json, "a string or a list of strings")));
                }, v -> v.stream().map(format).toList(), List.of());
    }

    /** Help text for the value ({@code SIZE}, {@code on|off}, {@code legacy|v5}). */
    public String label() {
        return label;
    }

    /** Reads {@code text}; the checks are {@link #validate}'s. */
    public T parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a value is missing");
        }
        return parse.apply(text);
    }

    /** Reads a JSON value as Jackson gives it ({@code String}, {@code Number}, {@code Boolean}, {@code List}). */
    public T fromJson(Object json) {
        return fromJson.apply(json);
    }

    /** The value as it would be written in a file or on the command line. */
    public String format(T value) {
        return value == null ? "" : format.apply(value);
    }

    /** The value as written in JSON (sizes as numbers of bytes, durations as {@code "10s"}). */
    public Object toJson(T value) {
        return value == null ? null : toJson.apply(value);
    }

    /** Throws {@link IllegalArgumentException} naming the first check {@code value} fails. */
    public void validate(T value) {
        for (Check<T> c : checks) {
            if (!c.ok.test(value)) {
                throw new IllegalArgumentException(c.problem + ", was " + dev.plateau.events.Printable.of(format(value)));
            }
        }
    }

    private static String text(Object json, String what) {
        if (json instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("must be " + what + ", was " + shown(json));
    }

    /** A JSON value as it was written: strings in quotes. */
    /** A JSON value as an error message shows it: printable, on one line (control bytes as {@code \xNN}). */
    private static String shown(Object json) {
        return dev.plateau.events.Printable.of(json instanceof String s ? "\"" + s + "\"" : String.valueOf(json));
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + dev.plateau.events.Printable.of(s) + "' is not a whole number");
        }
    }

    private static boolean parseSwitch(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("'" + dev.plateau.events.Printable.of(s) + "' must be on or off");
        };
    }
}
