package dev.plateau.telemetry;

/**
 * Largest-triangle-three-buckets downsampling (Steinarsson, 2013): picks {@code threshold} points of a series
 * so that a line through them keeps the series' visual shape — spikes and steps survive, flat stretches thin out.
 * Plain LTTB can drop the series' highest or lowest point (a bucket's biggest triangle need not be its extreme), so
 * the bucket holding the global maximum picks it, likewise the minimum (when both share a bucket, the neighbouring
 * bucket's pick gives way; with a single middle bucket the result has one point more): a memory peak never
 * disappears from a chart. Pure Java, no allocation beyond the returned arrays; x must be non-decreasing.
 *
 * <pre>{@code
 * int[] keep = Lttb.indices(xs, ys, 600);   // indices into xs/ys, ascending, first and last always kept
 * Lttb.Points p = Lttb.downsample(xs, ys, 0, xs.length, 600);   // the kept points themselves
 * }</pre>
 */
public final class Lttb {
    private Lttb() {
    }

    /** Points of a series, x and y of equal length. */
    public record Points(double[] x, double[] y) {
    }

    /** The points {@code from} (inclusive) to {@code to} (exclusive) that {@link #indices} keeps, copied out. */
    public static Points downsample(double[] xs, double[] ys, int from, int to, int threshold) {
        int[] keep = indices(xs, ys, from, to, threshold);
        double[] dx = new double[keep.length];
        double[] dy = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            dx[i] = xs[keep[i]];
            dy[i] = ys[keep[i]];
        }
        return new Points(dx, dy);
    }

    /**
     * Indices of the points to keep, ascending. Returns every index when {@code n <= threshold}
     * or {@code threshold < 3}.
     */
    public static int[] indices(double[] xs, double[] ys, int threshold) {
        return indices(xs, ys, xs.length, threshold);
    }

    /** As {@link #indices(double[], double[], int)} over the first {@code n} points. */
    public static int[] indices(double[] xs, double[] ys, int n, int threshold) {
        return indices(xs, ys, 0, n, threshold);
    }

    /**
     * As {@link #indices(double[], double[], int)} over the points {@code from} (inclusive) to {@code to}
     * (exclusive); the returned indices are into xs/ys (so between {@code from} and {@code to - 1}).
     */
    public static int[] indices(double[] xs, double[] ys, int from, int to, int threshold) {
        if (from < 0 || to < from || xs.length < to || ys.length < to) {
            throw new IllegalArgumentException("xs and ys must hold the points " + from + " to " + to
                    + " (n=" + (to - from) + ")");
        }
        int n = to - from;
        if (threshold >= n || threshold < 3) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = from + i;
            }
            return all;
        }
        int[] out = new int[threshold];
        int k = 0;
        out[k++] = from;
        double every = (double) (n - 2) / (threshold - 2);
        int a = from;
        for (int i = 0; i < threshold - 2; i++) {
            int avgStart = from + (int) Math.floor((i + 1) * every) + 1;
            int avgEnd = from + Math.min((int) Math.floor((i + 2) * every) + 1, n);
            double avgX = 0;
            double avgY = 0;
            for (int j = avgStart; j < avgEnd; j++) {
                avgX += xs[j];
                avgY += ys[j];
            }
            int avgLen = avgEnd - avgStart;
            if (avgLen > 0) {
                avgX /= avgLen;
                avgY /= avgLen;
            } else {
                avgX = xs[to - 1];
                avgY = ys[to - 1];
            }
            int rangeStart = from + (int) Math.floor(i * every) + 1;
            int rangeEnd = from + (int) Math.floor((i + 1) * every) + 1;
            double ax = xs[a];
            double ay = ys[a];
            double maxArea = -1;
            int next = rangeStart;
            for (int j = rangeStart; j < rangeEnd; j++) {
                double area = Math.abs((ax - avgX) * (ys[j] - ay) - (ax - xs[j]) * (avgY - ay));
                if (area > maxArea) {
                    maxArea = area;
                    next = j;
                }
            }
            out[k++] = next;
            a = next;
        }
        out[k] = to - 1;
        return keepExtremes(ys, from, to, every, out);
    }

    /** Puts the first global maximum and minimum of {@code ys[from, to)} into {@code out} (see class comment). */
    private static int[] keepExtremes(double[] ys, int from, int to, double every, int[] out) {
        int max = from;
        int min = from;
        for (int i = from + 1; i < to; i++) {
            if (ys[i] > ys[max]) {
                max = i;
            }
            if (ys[i] < ys[min]) {
                min = i;
            }
        }
        int middle = out.length - 2;
        int maxSlot = slot(max, from, to, every, middle);
        int minSlot = slot(min, from, to, every, middle);
        if (maxSlot > 0 && minSlot > 0 && maxSlot == minSlot && max != min) {
            int early = Math.min(max, min);
            int late = Math.max(max, min);
            if (maxSlot < middle) {
                out[maxSlot] = early;
                out[maxSlot + 1] = late;
            } else if (maxSlot > 1) {
                out[maxSlot - 1] = early;
                out[maxSlot] = late;
            } else {
                int[] grown = {out[0], early, late, out[2]};
                return grown;
            }
            return out;
        }
        if (maxSlot > 0) {
            out[maxSlot] = max;
        }
        if (minSlot > 0) {
            out[minSlot] = min;
        }
        return out;
    }

    /** Index in the output of the bucket holding point {@code i}; 0 for the first and last points (always kept). */
    private static int slot(int i, int from, int to, double every, int middle) {
        if (i == from || i == to - 1) {
            return 0;
        }
        for (int b = 0; b < middle; b++) {
            int end = from + (int) Math.floor((b + 1) * every) + 1;
            if (i < end) {
                return b + 1;
            }
        }
        return middle;
    }
}
