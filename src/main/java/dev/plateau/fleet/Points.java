package dev.plateau.fleet;

import java.util.Arrays;

/**
 * One series' samples as two growable primitive arrays (epoch milliseconds, value): 16 bytes a point, no boxing,
 * so a thousand instances over 24 h at a 1-minute step stay under 50 MB. Chunks of a split range may arrive in any
 * order; {@link #sorted()} puts them in time order once all are in (dropping repeated timestamps).
 */
final class Points {
    private long[] times;
    private double[] values;
    private int size;

    Points(int capacity) {
        times = new long[Math.max(4, capacity)];
        values = new double[times.length];
    }

    Points() {
        this(16);
    }

    void add(long epochMillis, double value) {
        if (size == times.length) {
            int grown = size + (size >> 1) + 1;
            times = Arrays.copyOf(times, grown);
            values = Arrays.copyOf(values, grown);
        }
        times[size] = epochMillis;
        values[size++] = value;
    }

    synchronized void addAll(Points other) {
        for (int i = 0; i < other.size; i++) {
            add(other.times[i], other.values[i]);
        }
    }

    /** Sorts by time if needed, drops repeated timestamps and trims the arrays; returns this. */
    synchronized Points sorted() {
        boolean inOrder = true;
        for (int i = 1; i < size && inOrder; i++) {
            inOrder = times[i] > times[i - 1];
        }
        if (!inOrder) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
            long[] t = new long[size];
            double[] v = new double[size];
            int n = 0;
            for (Integer i : order) {
                if (n == 0 || times[i] != t[n - 1]) {
                    t[n] = times[i];
                    v[n++] = values[i];
                }
            }
            times = t;
            values = v;
            size = n;
        }
        times = Arrays.copyOf(times, size);
        values = Arrays.copyOf(values, size);
        return this;
    }

    int size() {
        return size;
    }

    long time(int i) {
        return times[i];
    }

    double value(int i) {
        return values[i];
    }

    void clear() {
        size = 0;
    }
}
