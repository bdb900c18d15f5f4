package dev.plateau.allocations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The terminal tables of {@code plateau allocations}: a run's top sites, a run's headline (live heap against RSS
 * at the end), and the difference of two runs' sites.
 *
 * <pre>{@code
 * System.out.print(SiteTable.headline(run));
 * System.out.print(SiteTable.sites(run.top(At.END, 10, Wrappers.DEFAULT), At.END));
 * System.out.print(SiteTable.diff(stock.sites(w), patched.sites(w), At.END, 10));
 * }</pre>
 */
public final class SiteTable {
    private SiteTable() {
    }

    /** Command, PID, how long it ran, and the live heap against RSS at the end. */
    public static String headline(AllocationRun run) {
        var m = run.meta();
        StringBuilder out = new StringBuilder();
        List<String> cmd = new ArrayList<>();
        m.path("command").forEach(n -> cmd.add(n.asText()));
        out.append(String.format(Locale.ROOT, "run %s: %s (PID %d, heaptrack data covers %.1f s)%n", run.dir(),
                String.join(" ", cmd), m.path("target_pid").asLong(), run.report().runtimeS()));
        if (m.has("end_rss_bytes")) {
            double rss = m.path("end_rss_bytes").asDouble();
            double heap = m.path("end_heap_live_bytes").asDouble();
            out.append(String.format(Locale.ROOT, "at the end: live heap %s of RSS %s; %s freed but kept by the "
                    + "allocator (with code, stacks and heaptrack's own memory)%n", ByteUnits.mb(heap),
                    ByteUnits.mb(rss), ByteUnits.mb(rss - heap)));
        }
        out.append(String.format(Locale.ROOT, "peak: live heap %s, RSS %s; still allocated when killed: %s%n",
                ByteUnits.mb(run.report().peakHeapBytes()), ByteUnits.mb(m.path("peak_rss_bytes").asDouble(Double.NaN)),
                ByteUnits.mb(run.report().leakedBytes())));
        return out.toString();
    }

    /** One row per site: held at the end, at the peak, calls, function, the wrappers it was reached through, file:line. */
    public static String sites(List<AllocationSite> sites, At at) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "held at end", "at peak", "calls", "site", "via", "location"});
        int i = 1;
        for (AllocationSite s : sites) {
            rows.add(new String[] {Integer.toString(i++), ByteUnits.mb(s.heldBytes()), ByteUnits.mb(s.peakBytes()),
                    String.format(Locale.ROOT, "%,d", s.calls()), s.function(), via(s),
                    s.location().isEmpty() ? s.module() : s.location()});
        }
        return render(rows, 4);
    }

    /** Sites of two runs side by side, largest change first; a site held in A and absent in B is "gone". */
    public static String diff(List<AllocationSite> a, List<AllocationSite> b, At at, int top) {
        Map<String, AllocationSite> byA = index(a);
        Map<String, AllocationSite> byB = index(b);
        Set<String> keys = new LinkedHashSet<>(byA.keySet());
        keys.addAll(byB.keySet());
        List<String> sorted = keys.stream().sorted(Comparator.comparingLong((String k) ->
                -Math.abs(bytes(byB.get(k), at) - bytes(byA.get(k), at)))).limit(top).toList();
        List<String[]> rows = new ArrayList<>();
        String what = at == At.END ? "held" : "peak";
        rows.add(new String[] {what + " A", what + " B", "B - A", "", "site", "location"});
        for (String k : sorted) {
            AllocationSite s = byA.getOrDefault(k, byB.get(k));
            long va = bytes(byA.get(k), at);
            long vb = bytes(byB.get(k), at);
            String note = va > 0 && vb == 0 ? "gone" : va == 0 && vb > 0 ? "new" : "";
            rows.add(new String[] {ByteUnits.mb(va), ByteUnits.mb(vb), (vb >= va ? "+" : "") + ByteUnits.mb(vb - va), note,
                    s.function(), s.location().isEmpty() ? s.module() : s.location()});
        }
        return render(rows, 4);
    }

    private static Map<String, AllocationSite> index(List<AllocationSite> sites) {
        Map<String, AllocationSite> m = new HashMap<>();
        sites.forEach(s -> m.put(s.key(), s));
        return m;
    }

    private static long bytes(AllocationSite s, At at) {
        return s == null ? 0 : s.bytes(at);
    }

    /** The wrappers, outermost first, as a reader follows the call: {@code cfl_sds_cat → cfl_sds_increase}. */
    static String via(AllocationSite s) {
        List<String> v = new ArrayList<>(s.via());
        java.util.Collections.reverse(v);
        return String.join(" → ", v);
    }

    /** Columns before {@code firstLeft} right-aligned (numbers), the rest left-aligned; two spaces between. */
    private static String render(List<String[]> rows, int firstLeft) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                String pad = " ".repeat(w[c] - r[c].length());
                line.append(c < firstLeft ? pad + r[c] : r[c] + (c == cols - 1 ? "" : pad));
                if (c < cols - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }
}
