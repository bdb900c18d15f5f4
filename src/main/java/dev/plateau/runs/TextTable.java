package dev.plateau.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text table for the terminal: left-aligned first column, right-aligned numbers, two spaces between.
 *
 * <pre>{@code
 * TextTable t = new TextTable("metric", "peak", "verdict");
 * t.row("rss_bytes", TextTable.bytes(123_456_789), "plateau");
 * System.out.print(t);
 * }</pre>
 */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... header) {
        rows.add(header);
    }

    public TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    /** Exact bytes with thousands separators ({@code 52,000,000}). */
    public static String bytes(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    /** A slope with one decimal and its unit ({@code 51,200.0 B/req}); {@code -} when not fitted. */
    public static String slope(double v, String unit) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.1f %s", v, unit);
    }

    @Override
    public String toString() {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols && c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                String cell = c < r.length ? r[c] : "";
                String pad = " ".repeat(width[c] - cell.length());
                out.append(c == 0 ? cell + pad : pad + cell);
                out.append(c == cols - 1 ? "" : "  ");
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }
}
