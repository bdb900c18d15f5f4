package dev.plateau.cli;

import dev.plateau.allocations.AllocationRun;
import dev.plateau.allocations.AllocationSite;
import dev.plateau.allocations.At;
import dev.plateau.allocations.HeaptrackProfile;
import dev.plateau.allocations.HeaptrackTarget;
import dev.plateau.allocations.SiteTable;
import dev.plateau.allocations.Wrappers;
import dev.plateau.events.EventLog;
import dev.plateau.runs.ScenarioPlayer;
import dev.plateau.targets.TargetLauncher;
import dev.plateau.targets.TargetSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --profile heaptrack} for {@code soak} and {@code experiment}: installs the profiler on a player whose
 * target asks for it (heaptrack missing: a {@link dev.plateau.allocations.HeaptrackMissingException} saying how
 * to install it), and prints the top held sites of the recorded run after the verdict table.
 */
final class Profiling {
    static final int TOP = 10;

    private Profiling() {
    }

    /** Runs {@code spec}'s launched command under its profile, if it names one; true when it does. */
    static boolean install(ScenarioPlayer player, TargetSpec spec) throws IOException {
        if (spec == null || !TargetSpec.HEAPTRACK.equals(spec.profile())) {
            return false;
        }
        HeaptrackTarget heaptrack = new HeaptrackTarget(HeaptrackProfile.locate());
        EventLog events = new EventLog();
        player.events(events).launcher(new TargetLauncher(events).profile(heaptrack));
        return true;
    }

    /** The headline (live heap against RSS) and the top sites held when the target was killed. */
    static void printSites(PrintWriter out, Path runDir) throws IOException {
        AllocationRun run = AllocationRun.load(runDir);
        List<AllocationSite> sites = run.top(At.END, TOP, Wrappers.DEFAULT);
        out.print(SiteTable.headline(run));
        out.print(SiteTable.sites(sites, At.END));
        String note = run.namesNote(sites);
        if (!note.isEmpty()) {
            out.println("note: " + note);
        }
    }
}
