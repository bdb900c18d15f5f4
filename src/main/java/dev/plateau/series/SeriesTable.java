package dev.plateau.series;

import dev.plateau.telemetry.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded run's series, column by column: what {@code samples.csv} holds once read back. Values are doubles
 * (a missing cell is NaN); {@code elapsed_s} counts from the recording's start.
 *
 * <pre>{@code
 * SeriesTable t = SampleCsv.read(dir.resolve("samples.csv"));
 * double[] rss = t.column("target_rss_bytes");
 * }</pre>
 */
public final class SeriesTable {
    private final Map<String, Series> series = new LinkedHashMap<>();
    private final long[] epochMillis;
    private final double[] elapsedS;
    private final Map<String, double[]> columns = new LinkedHashMap<>();

    public SeriesTable(List<Series> series, long[] epochMillis, double[] elapsedS, List<double[]> columns) {
        if (series.size() != columns.size() || epochMillis.length != elapsedS.length) {
            throw new IllegalArgumentException("series and columns differ in number");
        }
        this.epochMillis = epochMillis.clone();
        this.elapsedS = elapsedS.clone();
        for (int i = 0; i < series.size(); i++) {
            if (columns.get(i).length != epochMillis.length) {
                throw new IllegalArgumentException("column " + series.get(i).column() + " has a different length");
            }
            this.series.put(series.get(i).column(), series.get(i));
            this.columns.put(series.get(i).column(), columns.get(i).clone());
        }
    }

    /** A table of frames; elapsed seconds count from {@code originMillis}. */
    public static SeriesTable of(List<Series> series, List<Frame> frames, long originMillis) {
        int n = frames.size();
        long[] t = new long[n];
        double[] e = new double[n];
        List<double[]> cols = new ArrayList<>();
        for (Series s : series) {
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = frames.get(i).value(s.column());
            }
            cols.add(c);
        }
        for (int i = 0; i < n; i++) {
            t[i] = frames.get(i).epochMillis();
            e[i] = (t[i] - originMillis) / 1000.0;
        }
        return new SeriesTable(series, t, e, cols);
    }

    /** A table of typed embedded-collector samples (their own {@code elapsed_s}). */
    public static SeriesTable ofSamples(List<Sample> samples) {
        List<Series> series = EmbeddedSource.SERIES.stream().map(EmbeddedSource.Column::series).toList();
        SeriesTable t = of(series, EmbeddedSource.frames(samples), 0);
        for (int i = 0; i < samples.size(); i++) {
            t.elapsedS[i] = samples.get(i).elapsedS();
        }
        return t;
    }

    public int size() {
        return epochMillis.length;
    }

    public List<Series> series() {
        return List.copyOf(series.values());
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    public Series series(String column) {
        return series.get(column);
    }

    /** One column's values (a copy), {@code elapsed_s} and {@code epoch_ms} included; else {@link IllegalArgumentException}. */
    public double[] column(String column) {
        if (column.equals("elapsed_s")) {
            return elapsedS();
        }
        if (column.equals("epoch_ms")) {
            return java.util.Arrays.stream(epochMillis).asDoubleStream().toArray();
        }
        double[] c = columns.get(column);
        if (c == null) {
            throw new IllegalArgumentException("unknown metric '" + column + "'; known: " + String.join(", ", columns.keySet()));
        }
        return c.clone();
    }

    public long[] epochMillis() {
        return epochMillis.clone();
    }

    public double[] elapsedS() {
        return elapsedS.clone();
    }

    /** Row {@code i} as a frame. */
    public Frame frame(int i) {
        Map<String, Double> v = new LinkedHashMap<>();
        columns.forEach((k, c) -> {
            if (!Double.isNaN(c[i])) {
                v.put(k, c[i]);
            }
        });
        return new Frame(epochMillis[i], v);
    }

    /**
     * The rows as typed embedded-collector samples (a run of the embedded collector, or one recorded by 0.1);
     * empty when the table lacks the embedded series (a run of an external target).
     */
    public List<Sample> samples() {
        for (EmbeddedSource.Column c : EmbeddedSource.required()) {
            if (!has(c.series().column())) {
                return List.of();
            }
        }
        List<Sample> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            int row = i;
            out.add(EmbeddedSource.sample(epochMillis[i], elapsedS[i],
                    name -> has(name) ? columns.get(name)[row] : Double.NaN));
        }
        return out;
    }
}
