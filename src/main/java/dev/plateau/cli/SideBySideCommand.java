package dev.plateau.cli;

import dev.plateau.load.bench.SideBySide;
import dev.plateau.load.bench.SideBySideReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code plateau bench --vs-fluent-bit [PATH]}: Plateau's {@code collect} and a real Fluent Bit side by side, each
 * in its own process ({@link SideBySide}), with issue 17's targets judged at the end. Plateau is started the way its
 * launcher starts it: from an app image, the same launcher; from {@code java}, the same java with the launcher's
 * options ({@link TunedJvm#cli()}) or those given with {@code --plateau-jvm}. The Fluent Bit binary is PATH, else
 * {@code $FLUENT_BIT}, else {@code fluent-bit} on the {@code PATH}, else {@code ../shared/bin/fluent-bit-5.1.1}.
 *
 * <pre>{@code
 * plateau bench --vs-fluent-bit                                  # 2 rounds, ~2.5 minutes
 * plateau bench --vs-fluent-bit /usr/bin/fluent-bit --rounds 3 --plateau-jvm "-XX:+UseSerialGC -Xmx64m"
 * }</pre>
 */
public final class SideBySideCommand {
    @Option(names = "--vs-fluent-bit", arity = "0..1", paramLabel = "PATH", fallbackValue = "", required = true,
            description = "Run collect and a real Fluent Bit side by side (PATH, else $FLUENT_BIT, PATH's fluent-bit,"
                    + " ../shared/bin/fluent-bit-5.1.1).")
    String fluentBit;

    @Option(names = "--rounds", defaultValue = "2", description = "Alternating rounds, fresh processes each (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--load", defaultValue = "8s", converter = Converters.Time.class,
            description = "Measured wrk run per load (default: ${DEFAULT-VALUE}), after the warm-up.")
    Duration load;

    @Option(names = "--warmup", defaultValue = "2s", converter = Converters.Time.class,
            description = "Unmeasured load before each measured wrk and h2load run, the same for both servers"
                    + " (default: ${DEFAULT-VALUE}); a JIT-compiled server's tail latency settles after ~10 s.")
    Duration warmup;

    @Option(names = "--idle", defaultValue = "30s", converter = Converters.Time.class,
            description = "How long after the small-request load RSS is read again (default: ${DEFAULT-VALUE}).")
    Duration idle;

    @Option(names = "--h2-requests", defaultValue = "100000",
            description = "h2load requests (-c 8 -m 10; default: ${DEFAULT-VALUE}).")
    int h2Requests;

    @Option(names = "--paced-rate", defaultValue = "20000", paramLabel = "REQ/S",
            description = "Also measure p99 at this constant rate (the built-in generator, 32 connections), below both"
                    + " servers' capacity; 0 = skip (default: ${DEFAULT-VALUE}).")
    double pacedRate;

    @Option(names = "--plateau-jvm", paramLabel = "OPTIONS",
            description = "JVM options for collect instead of the launcher's (when run from java).")
    String plateauJvm;

    Integer run(CommandLine cl) {
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        Path binary = fluentBitBinary(fluentBit);
        if (binary == null) {
            err.println("plateau bench: no Fluent Bit binary: give --vs-fluent-bit PATH or set $FLUENT_BIT");
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        SideBySide.Plan plan;
        try {
            plan = new SideBySide.Plan(binary, plateauCommand(), rounds, warmup, load, idle, 32, 8,
                    800, h2Requests, pacedRate);
        } catch (IllegalArgumentException e) {
            err.println("plateau bench: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        out.println("plateau bench: collect vs Fluent Bit " + binary + ", side by side, separate processes");
        out.println("  plateau: " + String.join(" ", plan.plateau()));
        out.flush();
        SideBySide bench = new SideBySide(plan, out);
        try {
            List<SideBySide.Round> result = bench.run();
            out.println();
            out.print(SideBySideReport.format(result, bench.largeBodyBytes()));
            out.flush();
            return 0;
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            err.println("plateau bench: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    /** The Fluent Bit to run: {@code given} if not empty, else $FLUENT_BIT, PATH, ../shared/bin; null if none. */
    static Path fluentBitBinary(String given) {
        if (given != null && !given.isEmpty()) {
            return Path.of(given);
        }
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("FLUENT_BIT");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
            candidates.add(Path.of(dir.isEmpty() ? "." : dir, "fluent-bit"));
        }
        candidates.add(Path.of("..", "shared", "bin", "fluent-bit-5.1.1"));
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** How to start Plateau's CLI as this process was started: the same launcher, or the same java with options. */
    List<String> plateauCommand() {
        String self = ProcessHandle.current().info().command().orElse("java");
        if (!Path.of(self).getFileName().toString().equals("java")) {
            return List.of(self);
        }
        List<String> command = new ArrayList<>(List.of(self));
        command.addAll(plateauJvm == null ? TunedJvm.cli() : Arrays.asList(plateauJvm.trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        return command;
    }
}
