package dev.plateau.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JVM options Plateau's launchers carry, and a one-time hint when a process runs without them.
 *
 * <p>The options are declared once, in {@code pom.xml} ({@code plateau.jvm.cli}, {@code plateau.jvm.console}), and
 * reach three places from there: the app image's launchers ({@code mvn -Pdist package}), {@code mvn javafx:run},
 * and this class (through a filtered resource), which the side-by-side bench uses to start {@code collect} the way
 * the launcher does. Without them a JVM sizes its heap from the machine (a quarter of the RAM) and keeps what it
 * grew to: {@code java -jar target/plateau.jar collect} under small-request load grew to 330–410 MB and stayed there.
 *
 * <pre>{@code
 * TunedJvm.hintIfAbsent(System.err);      // once per process, at a terminal, when the options are missing
 * List<String> jvm = TunedJvm.cli();       // e.g. for a child process: java + jvm + -cp ... Main collect
 * }</pre>
 */
public final class TunedJvm {
    private static final AtomicBoolean HINTED = new AtomicBoolean();
    private static final Properties OPTIONS = load();

    private TunedJvm() {
    }

    /** Options of the {@code plateau} launcher (collect, soak, burst, bench). */
    public static List<String> cli() {
        return split(OPTIONS.getProperty("cli", ""));
    }

    /** Options of the {@code plateau-console} launcher and of {@code mvn javafx:run}. */
    public static List<String> console() {
        return split(OPTIONS.getProperty("console", ""));
    }

    /**
     * Whether the memory-shaping options of {@code wanted} ({@code -X...} and {@code -XX:...}) are all among
     * {@code inputArguments}; options the user overrides with another value count as given.
     */
    static boolean present(List<String> wanted, List<String> inputArguments) {
        Set<String> given = inputArguments.stream().map(TunedJvm::key).collect(java.util.stream.Collectors.toSet());
        return wanted.stream().filter(o -> o.startsWith("-X")).map(TunedJvm::key).allMatch(given::contains);
    }

    /**
     * Prints, once per process, how to run with the tuned options when this JVM's input arguments lack them
     * (e.g. {@code java -jar target/plateau.jar collect} typed at a terminal); silent when a launcher started it,
     * and when the output is not a terminal (scripts and tests read the command's own lines only).
     */
    public static void hintIfAbsent(PrintStream err) {
        String hint = hint(ManagementFactory.getRuntimeMXBean().getInputArguments(), System.console() != null);
        if (hint != null && HINTED.compareAndSet(false, true)) {
            err.println(hint);
            err.flush();
        }
    }

    /** The hint for a JVM started with {@code inputArguments}, or null when none is due. */
    static String hint(List<String> inputArguments, boolean interactive) {
        List<String> wanted = cli();
        if (!interactive || wanted.isEmpty() || present(wanted, inputArguments)) {
            return null;
        }
        return "plateau: this JVM runs without Plateau's memory options (its heap grows toward a quarter of the"
                + " machine's RAM and is not given back); run it as: java " + String.join(" ", wanted) + " -jar "
                + jarPath() + " ... (or install the app: README, Install)";
    }

    /** A key that identifies an option regardless of its value: {@code -Xmx}, {@code -XX:MaxDirectMemorySize}, {@code -XX:UseSerialGC}. */
    static String key(String option) {
        if (option.startsWith("-XX:")) {
            String rest = option.substring(4).replaceFirst("^[+-]", "");
            int eq = rest.indexOf('=');
            return "-XX:" + (eq < 0 ? rest : rest.substring(0, eq));
        }
        if (option.startsWith("-Xm") || option.startsWith("-Xs")) {
            return option.substring(0, Math.min(4, option.length()));
        }
        int eq = option.indexOf('=');
        return eq < 0 ? option : option.substring(0, eq);
    }

    private static String jarPath() {
        try {
            Path p = Path.of(TunedJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path cwd = Path.of("").toAbsolutePath();
            return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
        } catch (Exception e) {
            return "plateau.jar";
        }
    }

    private static List<String> split(String options) {
        String t = options.trim();
        return t.isEmpty() || t.startsWith("${") ? List.of() : Arrays.asList(t.split("\\s+"));
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = TunedJvm.class.getResourceAsStream("jvm-options.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
