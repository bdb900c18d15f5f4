package dev.plateau.allocations;

import java.util.List;

/**
 * One call stack of {@code heaptrack_print -m 0} with its cost: bytes still allocated (leak section), bytes at the
 * peak (peak section) or bytes at the peak of the most-calling stacks (allocators section), and the number of
 * calls to allocation functions from it.
 *
 * @param bytes  the section's byte cost (heaptrack prints it rounded to 4 significant digits, e.g. {@code 31.71M})
 * @param calls  calls to malloc/realloc/… from this stack
 * @param frames innermost frame first (the caller of the allocation function), outermost last
 */
public record Backtrace(long bytes, long calls, List<Frame> frames) {
    public Backtrace {
        frames = List.copyOf(frames);
    }
}
