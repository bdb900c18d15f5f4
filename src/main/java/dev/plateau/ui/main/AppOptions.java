package dev.plateau.ui.main;

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
    public static final AppOptions DEFAULTS = new AppOptions(false, "127.0.0.1", 9880, Path.of("runs"),
            Path.of("samples", "scenarios"));

    /** Options with the default scenarios folder. */
    public AppOptions(boolean autostart, String listen, int port, Path runs) {
        this(autostart, listen, port, runs, DEFAULTS.scenarios());
    }

    public AppOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port: 0-65535 (0 = any free port), was " + port);
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
            switch (a) {
                case "--autostart" -> autostart = true;
                case "--listen" -> listen = inline != null ? inline : value(args, ++i, a);
                case "--port" -> {
                    String v = inline != null ? inline : value(args, ++i, a);
                    try {
                        port = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port: a whole number, was '" + v + "'");
                    }
                }
                case "--runs" -> runs = Path.of(inline != null ? inline : value(args, ++i, a));
                case "--scenarios" -> scenarios = Path.of(inline != null ? inline : value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option '" + a
                        + "' (known: --autostart, --listen HOST, --port N, --runs DIR, --scenarios DIR)");
            }
        }
        return new AppOptions(autostart, listen, port, runs, scenarios);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + ": needs a value");
        }
        return args.get(i);
    }
}
