package dev.plateau.series;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of every series at one instant: one row of {@code samples.csv}. Keyed by {@link Series#column()};
 * a series missing from a frame (its source was gone or had not answered yet) is an empty CSV cell.
 *
 * @param epochMillis wall-clock time of the sample
 * @param values      column → value, in declaration order
 */
public record Frame(long epochMillis, Map<String, Double> values) {
    public Frame {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of a column, or NaN when this frame has none. */
    public double value(String column) {
        Double v = values.get(column);
        return v == null ? Double.NaN : v;
    }
}
