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

    public String location() {
        return site.location().isEmpty() ? site.module() : site.location();
    }

    /** The site's heaviest stack, one frame a line, innermost first (the wrappers at the top). */
    public String stackText() {
        return site.stack().stream().map(Frame::toString).collect(Collectors.joining("\n"));
    }
}
