package dev.plateau.cli;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.CollectorOption;
import dev.plateau.collector.CollectorOptions;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code plateau collect}'s collector flags, made from {@link CollectorOptions} (picocli model transformer): one
 * flag per catalogue option with its parameter label, doc and default; a bad value fails during parsing with
 * picocli's one-line error naming the flag. On/off options also work as bare flags ({@code --add-remote-addr}).
 *
 * <pre>{@code
 * @Command(name = "collect", modelTransformer = CatalogueFlags.class)
 * CatalogueFlags.apply(spec.commandLine().getParseResult(), builder, warnings::add);   // only flags typed
 * }</pre>
 */
public final class CatalogueFlags implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
        for (CollectorOption<?> o : CollectorOptions.ALL) {
            OptionSpec.Builder flag = OptionSpec.builder(o.flag())
                    .paramLabel(o.type().label())
                    .description(o.doc() + " (default: " + o.describeDefault() + ")")
                    .converters(text -> {
                        try {
                            return o.read(text, w -> { });
                        } catch (IllegalArgumentException e) {
                            throw new TypeConversionException(e.getMessage());
                        }
                    });
            if (o.multiple()) {
                flag.type(List.class).auxiliaryTypes(Object.class);
            } else {
                flag.type(Object.class);
            }
            if (o.defaultValue() instanceof Boolean) {
                flag.arity("0..1").fallbackValue("on");
            }
            spec.addOption(flag.build());
        }
        return spec;
    }

    /** Sets on {@code b} every catalogue option whose flag was typed; {@code warnings} gets fallback notes. */
    public static void apply(CommandLine.ParseResult typed, CollectorConfig.Builder b, Consumer<String> warnings) {
        for (CollectorOption<?> o : CollectorOptions.ALL) {
            CommandLine.Model.OptionSpec given = typed.matchedOption(o.flag());
            if (given == null) {
                continue;
            }
            if (o.multiple()) {
                reset(b, o);
            }
            for (String text : given.stringValues()) {
                o.apply(b, text, warnings);
            }
        }
    }

    private static <T> void reset(CollectorConfig.Builder b, CollectorOption<T> o) {
        b.set(o, o.defaultValue());
    }

    /**
     * Rewrites catalogue option names in {@code message} as flags: snake_case names anywhere, one-word names only
     * where they lead the message ({@code port: must be 0-65535} → {@code --port: must be 0-65535}).
     */
    static String flagNames(String message) {
        String m = message;
        for (CollectorOption<?> o : CollectorOptions.ALL) {
            String where = o.name().contains("_") ? "(?<![\\w-])" : "^";
            m = Pattern.compile(where + Pattern.quote(o.name()) + "(?![\\w-])").matcher(m)
                    .replaceAll(Matcher.quoteReplacement(o.flag()));
        }
        return m;
    }
}
