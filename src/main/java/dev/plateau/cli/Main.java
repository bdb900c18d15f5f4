package dev.plateau.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code plateau} command line. Subcommands are registered here; each lives in its own class.
 * A bad flag or value exits 2 with one line naming it ({@link OneLineErrors}); {@code --help} and
 * {@code --version} exit 0.
 *
 * <pre>{@code
 * java -jar target/plateau.jar collect --port 9880 --shrink on
 * int rc = Main.commandLine().execute("collect", "--port", "0");   // in-process, e.g. from tests
 * }</pre>
 */
@Command(name = "plateau", mixinStandardHelpOptions = true, version = "plateau " + Main.VERSION,
        description = "Memory console for log-ingestion pipelines: an embedded clone of Fluent Bit's in_http.",
        subcommands = {CollectCommand.class, BurstCommand.class, SoakCommand.class, ExperimentCommand.class,
                CompareCommand.class, BenchCommand.class, FidelityCommand.class, ConsoleCommand.class, FleetCommand.class, AllocationsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    public static final String VERSION = "0.1.0-SNAPSHOT";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** A configured command line (one-line parameter errors, exit 2). */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setParameterExceptionHandler(new OneLineErrors());
    }

    public static void main(String[] args) {
        dev.plateau.collector.NativeMemory.preferCleanerFreeDirectBuffers();
        if (args.length > 0 && java.util.Set.of("collect", "soak", "burst", "console").contains(args[0])) {
            TunedJvm.hintIfAbsent(System.err);
        }
        System.exit(commandLine().execute(args));
    }
}
