package dev.plateau.cli;

import dev.plateau.allocations.AllocationRun;
import dev.plateau.allocations.AllocationSite;
import dev.plateau.allocations.At;
import dev.plateau.allocations.SiteTable;
import dev.plateau.allocations.Wrappers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plateau allocations}: prints where a profiled run's memory sits (top allocation sites by bytes held when
 * the target was killed, or at the heap's peak, folded past allocation wrappers) and the live heap against RSS;
 * with {@code --diff A B}, the difference of two runs' sites. {@code plateau allocations record} makes such a run.
 * Exit 0, or 2 with one line for a bad flag or a folder without allocation data.
 *
 * <pre>
 * plateau allocations runs/fb-stock --top 5
 * plateau allocations --diff runs/fb-stock runs/fb-shrink
 * </pre>
 */
@Command(name = "allocations", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the top allocation sites of a run recorded under heaptrack (held at the end or at the peak), "
                + "or the difference of two runs' sites.",
        subcommands = AllocationsRecordCommand.class)
public final class AllocationsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "RUN_DIR", description = "A run folder with allocations.json.")
    Path run;

    @Option(names = "--diff", arity = "2", paramLabel = "RUN", description = "Two run folders: print B's sites against A's.")
    List<Path> diff;

    @Option(names = "--top", paramLabel = "N", description = "Sites to print (default: ${DEFAULT-VALUE}).")
    int top = 10;

    @Option(names = "--at", paramLabel = "end|peak", converter = AtConverter.class,
            description = "Rank by bytes held at the end (when the target was killed) or at the heap's peak (default: end).")
    At at = At.END;

    @Option(names = "--wrappers", paramLabel = "F", split = ",",
            description = "More allocation wrappers to fold past (function names or globs, e.g. 'my_alloc*').")
    List<String> wrappers = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (top < 1) {
            return usage(err, "--top: must be >= 1, was " + top);
        }
        if ((run == null) == (diff == null)) {
            return usage(err, "give one RUN_DIR, or --diff RUN_A RUN_B");
        }
        Wrappers w;
        try {
            w = Wrappers.DEFAULT.plus(wrappers);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        try {
            if (diff != null) {
                AllocationRun a = AllocationRun.load(diff.get(0));
                AllocationRun b = AllocationRun.load(diff.get(1));
                out.println("A = " + a.dir() + ", B = " + b.dir());
                out.print(SiteTable.diff(a.sites(w), b.sites(w), at, top));
            } else {
                AllocationRun r = AllocationRun.load(run);
                List<AllocationSite> sites = r.top(at, top, w);
                out.print(SiteTable.headline(r));
                out.print(SiteTable.sites(sites, at));
                String note = r.namesNote(sites);
                if (!note.isEmpty()) {
                    out.println("note: " + note);
                }
            }
        } catch (IOException e) {
            return usage(err, e.getMessage());
        }
        out.flush();
        return 0;
    }

    private int usage(PrintWriter err, String message) {
        err.println(spec.qualifiedName() + ": " + message);
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code end} or {@code peak}. */
    static final class AtConverter implements CommandLine.ITypeConverter<At> {
        @Override
        public At convert(String value) {
            try {
                return At.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'end' or 'peak', was '" + value + "'");
            }
        }
    }
}
