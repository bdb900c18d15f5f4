package dev.plateau.allocations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a {@link HeaptrackReport}'s stacks into {@link AllocationSite}s: each stack is attributed to its first
 * frame that is not a {@link Wrappers wrapper} (all wrappers: its innermost frame), and stacks with the same site
 * are summed — held bytes from the leak section, peak bytes from the peak section, calls from the allocators
 * section.
 *
 * <pre>{@code
 * List<AllocationSite> sites = new SiteFolder(Wrappers.DEFAULT).fold(report);   // most held first
 * }</pre>
 */
public final class SiteFolder {
    private final Wrappers wrappers;

    public SiteFolder(Wrappers wrappers) {
        this.wrappers = wrappers;
    }

    /** Every site, most bytes held at the end first (then most at the peak). */
    public List<AllocationSite> fold(HeaptrackReport report) {
        Map<String, Acc> sites = new LinkedHashMap<>();
        for (Backtrace b : report.held()) {
            Acc a = site(sites, b);
            a.held += b.bytes();
            a.heldCalls += b.calls();
            a.offer(b, b.bytes(), 2);
        }
        for (Backtrace b : report.peak()) {
            Acc a = site(sites, b);
            a.peak += b.bytes();
            a.offer(b, b.bytes(), 1);
        }
        for (Backtrace b : report.calls()) {
            Acc a = site(sites, b);
            a.calls += b.calls();
            a.offer(b, b.calls(), 0);
        }
        List<AllocationSite> out = new ArrayList<>();
        for (Acc a : sites.values()) {
            long calls = Math.max(a.calls, a.heldCalls);
            out.add(new AllocationSite(a.frame.function(), a.frame.location(), a.frame.module(), a.via, a.held,
                    a.heldCalls, a.peak, calls, a.stack));
        }
        out.sort(Comparator.comparingLong(AllocationSite::heldBytes).reversed()
                .thenComparing(Comparator.comparingLong(AllocationSite::peakBytes).reversed()));
        return out;
    }

    /** The sites ranked at {@code at}, at most {@code n}, without those that cost nothing there. */
    public List<AllocationSite> top(HeaptrackReport report, At at, int n) {
        return fold(report).stream().filter(s -> s.bytes(at) > 0)
                .sorted(Comparator.comparingLong((AllocationSite s) -> s.bytes(at)).reversed())
                .limit(n).toList();
    }

    private Acc site(Map<String, Acc> sites, Backtrace b) {
        List<Frame> frames = b.frames();
        int i = 0;
        while (i < frames.size() && wrappers.matches(frames.get(i).function())) {
            i++;
        }
        if (i == frames.size()) {
            i = 0;
        }
        Frame f = frames.get(i);
        String module = f.module().isEmpty() ? moduleOf(frames, i) : f.module();
        Frame site = new Frame(f.function(), f.file(), f.line(), module);
        List<String> via = frames.subList(0, i).stream().map(Frame::function).toList();
        String key = site.function() + " " + (site.location().isEmpty() ? module : site.location());
        return sites.computeIfAbsent(key, k -> new Acc(site, via));
    }

    /** An inlined frame has no module line: it is the module of the next frame that has one. */
    private static String moduleOf(List<Frame> frames, int from) {
        for (int k = from; k < frames.size(); k++) {
            if (!frames.get(k).module().isEmpty()) {
                return frames.get(k).module();
            }
        }
        return "";
    }

    private static final class Acc {
        final Frame frame;
        final List<String> via;
        long held;
        long heldCalls;
        long peak;
        long calls;
        List<Frame> stack = List.of();
        int stackRank = -1;
        long stackCost = -1;

        Acc(Frame frame, List<String> via) {
            this.frame = frame;
            this.via = via;
        }

        /** Keeps the heaviest stack, preferring held over peak over calls. */
        void offer(Backtrace b, long cost, int rank) {
            if (rank > stackRank || (rank == stackRank && cost > stackCost)) {
                if (cost > 0 || stack.isEmpty()) {
                    stack = b.frames();
                    stackRank = cost > 0 ? rank : -1;
                    stackCost = cost;
                }
            }
        }
    }
}
