package dev.plateau.series;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series of one run, in the order they were declared (that is the CSV column order), each with the source that
 * declared it. Thread-safe; declaring a series twice returns the first declaration.
 *
 * <pre>{@code
 * SeriesRegistry reg = new SeriesRegistry();
 * Series rss = reg.declare("process", Series.gauge("target_rss_bytes", Series.BYTES));
 * reg.series();   // [target_rss_bytes]
 * }</pre>
 */
public final class SeriesRegistry {
    private final Map<String, Series> byColumn = new LinkedHashMap<>();
    private final Map<String, String> sourceOf = new LinkedHashMap<>();

    /** Declares {@code series} for {@code source}; returns it (or the earlier declaration of the same column). */
    public synchronized Series declare(String source, Series series) {
        Series known = byColumn.putIfAbsent(series.column(), series);
        if (known == null) {
            sourceOf.put(series.column(), source);
            return series;
        }
        return known;
    }

    /** Every declared series, in declaration order. */
    public synchronized List<Series> series() {
        return new ArrayList<>(byColumn.values());
    }

    public synchronized Series get(String column) {
        return byColumn.get(column);
    }

    /** The id of the source that declared {@code column}, or {@code null}. */
    public synchronized String sourceOf(String column) {
        return sourceOf.get(column);
    }

    /** {@code run.json}'s {@code series} list: column, name, labels, unit, kind, source. */
    public synchronized List<Map<String, Object>> toJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Series s : byColumn.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("column", s.column());
            m.put("name", s.name());
            m.put("labels", s.labels());
            m.put("unit", s.unit());
            m.put("kind", s.kind().label());
            m.put("source", sourceOf.get(s.column()));
            out.add(m);
        }
        return out;
    }
}
