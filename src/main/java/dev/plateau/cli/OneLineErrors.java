package dev.plateau.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Reports a bad flag or value as one line on stderr ({@code plateau collect: Invalid value for option
 * '--buffer-chunk-size' (SIZE): 'abc' is not a size ...}) and exits 2, instead of picocli's message plus usage.
 */
final class OneLineErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage()
                + " (see --help)");
        cmd.getErr().flush();
        return CommandLine.ExitCode.USAGE;
    }
}
