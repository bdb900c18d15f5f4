package dev.plateau.ui.allocations;

import dev.plateau.allocations.HeapTimeline;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Allocations view draws over time for one run, immutable: the target's RSS, its live heap, and the
 * bytes the top held site holds ({@code [elapsed_s, MB]} points, at most {@value #MAX_POINTS} each).
 *
 * @param rss      RSS in MB
 * @param heap     live heap in MB
 * @param siteName the top held site's function, {@code ""} when there is no site series
 * @param site     its bytes in MB
 */
public record Curves(List<double[]> rss, List<double[]> heap, String siteName, List<double[]> site) {
    static final int MAX_POINTS = 400;
    static final Curves EMPTY = new Curves(List.of(), List.of(), "", List.of());

    static Curves of(HeapTimeline t, String siteName, List<double[]> siteBytes) {
        List<double[]> rss = new ArrayList<>();
        List<double[]> heap = new ArrayList<>();
        for (HeapTimeline.Row r : t.rows()) {
            if (!Double.isNaN(r.rssBytes())) {
                rss.add(new double[] {r.elapsedS(), r.rssBytes() / 1e6});
            }
            if (!Double.isNaN(r.heapBytes())) {
                heap.add(new double[] {r.elapsedS(), r.heapBytes() / 1e6});
            }
        }
        List<double[]> site = siteBytes.stream().map(p -> new double[] {p[0], p[1] / 1e6}).toList();
        return new Curves(thin(rss), thin(heap), siteName, thin(site));
    }

    /** Every k-th point so that at most {@link #MAX_POINTS} remain (the last one always kept). */
    static List<double[]> thin(List<double[]> points) {
        if (points.size() <= MAX_POINTS) {
            return List.copyOf(points);
        }
        int step = (points.size() + MAX_POINTS - 1) / MAX_POINTS;
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i += step) {
            out.add(points.get(i));
        }
        out.add(points.get(points.size() - 1));
        return out;
    }
}
