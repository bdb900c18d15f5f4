package dev.plateau.ui.allocations;

import dev.plateau.allocations.AllocationSite;
import dev.plateau.allocations.Frame;
import java.util.stream.Collectors;

/**
 * One row of a run's site table, immutable: the site, and how the other run shown beside it compares
 * ({@code gone in B} when B holds nothing there, {@code new} when only B holds it).
 *
 * @param site  the folded allocation site
 * @param other what the other run says about this site, {@code ""} when there is no other run
 */
public record SiteRow(AllocationSite site, String other) {
    public String function() {
        return site.function();
    }

    /** The last two path elements of {@code file:line} (or the module), short enough for the table. */
    public String location() {
        String full = site.location().isEmpty() ? site.module() : site.location();
        int last = full.lastIndexOf('/');
        int before = last > 0 ? full.lastIndexOf('/', last - 1) : -1;
        return before >= 0 ? full.substring(before + 1) : full;
    }

    /** The site, then its heaviest stack, one frame a line, innermost first (the wrappers at the top). */
    public String stackText() {
        return site.function() + " at " + (site.location().isEmpty() ? site.module() : site.location()) + "\n"
                + site.stack().stream().map(f -> "    " + f).collect(Collectors.joining("\n"));
    }
}
