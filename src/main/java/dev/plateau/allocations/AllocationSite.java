package dev.plateau.allocations;

import java.util.List;

/**
 * Where memory is allocated, folded to the first frame of the target's own code: every stack of the report whose
 * first non-wrapper frame is this function at this line adds to it.
 *
 * @param function   the site's function (or {@code 0x…} when the module has no symbols)
 * @param location   {@code file:line} of the site frame, {@code ""} when unknown
 * @param module     the module heaptrack found the site in, {@code ""} when inlined or unknown
 * @param via        the wrappers between the allocation function and the site, innermost first
 *                   ({@code cfl_sds_increase}, {@code cfl_sds_cat})
 * @param heldBytes  bytes still allocated at the end (the target was killed with SIGKILL)
 * @param heldCalls  calls whose memory was still allocated at the end
 * @param peakBytes  bytes held at the moment the whole heap peaked
 * @param calls      calls to allocation functions from this site over the run
 * @param stack      the heaviest stack of this site (by held bytes, else peak, else calls), innermost first
 */
public record AllocationSite(String function, String location, String module, List<String> via, long heldBytes,
                             long heldCalls, long peakBytes, long calls, List<Frame> stack) {
    public AllocationSite {
        via = List.copyOf(via);
        stack = List.copyOf(stack);
    }

    /**
     * Identifies the site across runs: function and location; unnamed code by its module alone (its addresses
     * move from run to run with address-space randomisation).
     */
    public String key() {
        return unnamed() ? "?? " + module : function + " " + (location.isEmpty() ? module : location);
    }

    /** The value the table is sorted by. */
    public long bytes(At at) {
        return at == At.END ? heldBytes : peakBytes;
    }

    /** {@code true} when heaptrack had no name for this code. */
    public boolean unnamed() {
        return function.startsWith("0x") || function.equals("??");
    }
}
