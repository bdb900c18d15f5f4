package dev.plateau.ui.main;

import dev.plateau.collector.CollectorOption;
import dev.plateau.collector.CollectorOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * Command-line options of the console ({@code mvn javafx:run -Djavafx.args="--autostart --port 9880"}).
 *
 * @param autostart start the embedded collector at launch
 * @param listen    listen address of the embedded collector (default 127.0.0.1)
 * @param port      port of the embedded collector (default 9880; 0 = any free port)
 * @param runs      folder of recorded runs (default ./runs)
 * @param scenarios folder of the Before / After experiment's scenarios (default ./samples/scenarios)
 */
public record AppOptions(boolean autostart, String listen, int port, Path runs, Path scenarios) {
    public static final AppOptions DEFAULTS = new AppOptions(false, CollectorOptions.LISTEN.defaultValue(),
            CollectorOptions.PORT.defaultValue(), Path.of("runs"),
            Path.of("samples", "scenarios"));

    /** Options with the default scenarios folder. */
    public AppOptions(boolean autostart, String listen, int port, Path runs) {
        this(autostart, listen, port, runs, DEFAULTS.scenarios());
    }

    public AppOptions {
        try {
            CollectorOptions.PORT.type().validate(port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CollectorOptions.PORT.flag() + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@code --autostart}, {@code --listen HOST}, {@code --port N}, {@code --runs DIR}, {@code --scenarios DIR}. */
    public static AppOptions parse(List<String> args) {
        boolean autostart = false;
        String listen = DEFAULTS.listen();
        int port = DEFAULTS.port();
        Path runs = DEFAULTS.runs();
        Path scenarios = DEFAULTS.scenarios();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                inline = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            if (a.equals(CollectorOptions.LISTEN.flag())) {
                listen = inline != null ? inline : value(args, ++i, a);
            } else if (a.equals(CollectorOptions.PORT.flag())) {
                port = read(CollectorOptions.PORT, inline != null ? inline : value(args, ++i, a));
            } else {
                switch (a) {
                    case "--autostart" -> autostart = true;
                    case "--runs" -> runs = Path.of(inline != null ? inline : value(args, ++i, a));
                    case "--scenarios" -> scenarios = Path.of(inline != null ? inline : value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown option '" + a + "' (known: --autostart, "
                            + CollectorOptions.LISTEN.flag() + " HOST, " + CollectorOptions.PORT.flag()
                            + " N, --runs DIR, --scenarios DIR)");
                }
            }
        }
        return new AppOptions(autostart, listen, port, runs, scenarios);
    }

    private static <T> T read(CollectorOption<T> option, String text) {
        try {
            return option.read(text, w -> { });
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option.flag() + ": " + e.getMessage(), e);
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + ": needs a value");
        }
        return args.get(i);
    }
}
