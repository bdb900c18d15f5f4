package dev.plateau.series;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One named series a run records: a name, its labels, a unit and a kind. Its CSV column is the name, with the
 * labels in braces the way Prometheus writes them, sorted by label name:
 * {@code fluentbit_input_records_total{name="http.0"}}.
 *
 * <pre>{@code
 * Series rss = Series.gauge("target_rss_bytes", Series.BYTES);
 * Series records = new Series("fluentbit_input_records_total", Map.of("name", "http.0"), Series.COUNT, Kind.COUNTER);
 * records.column();   // fluentbit_input_records_total{name="http.0"}
 * }</pre>
 *
 * @param name   metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*})
 * @param labels label names and values (copied, sorted)
 * @param unit   {@value #BYTES}, {@value #SECONDS}, {@value #COUNT} … (free text; bytes get the 1 MiB verdict floor)
 * @param kind   gauge or counter
 */
public record Series(String name, SortedMap<String, String> labels, String unit, Kind kind) {
    public static final String BYTES = "bytes";
    public static final String SECONDS = "seconds";
    public static final String MILLISECONDS = "ms";
    public static final String COUNT = "count";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    public Series {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("series name: '" + dev.plateau.events.Printable.of(name) + "' is not a Prometheus metric name");
        }
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels == null ? Map.of() : labels));
        unit = unit == null || unit.isBlank() ? COUNT : unit;
        Objects.requireNonNull(kind, "kind");
    }

    public Series(String name, Map<String, String> labels, String unit, Kind kind) {
        this(name, new TreeMap<>(labels == null ? Map.of() : labels), unit, kind);
    }

    public static Series gauge(String name, String unit) {
        return new Series(name, Map.of(), unit, Kind.GAUGE);
    }

    public static Series counter(String name, String unit) {
        return new Series(name, Map.of(), unit, Kind.COUNTER);
    }

    /** The CSV column: {@code name} or {@code name{a="1",b="2"}} (values escaped as in Prometheus text). */
    public String column() {
        if (labels.isEmpty()) {
            return name;
        }
        StringBuilder b = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '{' ? "" : ",").append(k).append("=\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"'));
        return b.append('}').toString();
    }

    public boolean isBytes() {
        return BYTES.equals(unit);
    }

    /** The name without labels of a column ({@code a{x="1"}} → {@code a}). */
    public static String nameOf(String column) {
        int brace = column.indexOf('{');
        return brace < 0 ? column : column.substring(0, brace);
    }
}
