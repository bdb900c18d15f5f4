package dev.plateau.ui.compare;

import dev.plateau.runs.RunStats;
import dev.plateau.ui.common.Units;

/**
 * The text of each verdict-table cell. A run that did not record the metric (a run without a watched process
 * has no {@code watched_rss_bytes}: its samples hold -1) shows "n/a" in every figure and in the verdict — never
 * "-1 B", never a verdict fitted to a missing series.
 *
 * <pre>{@code
 * CompareCells.text(stats, Cell.PEAK);   // "2.05 MB", or "n/a"
 * }</pre>
 */
public final class CompareCells {
    public static final String NOT_AVAILABLE = "n/a";

    /** The table's figure columns. */
    public enum Cell { PEAK, FINAL, GROWTH, SLOPE, VERDICT }

    private CompareCells() {
    }

    /** True when the run has no value of the metric (bytes are never negative; a missing reading is -1). */
    public static boolean lacks(RunStats s) {
        return s.samples() == 0 || s.peak() < 0;
    }

    /** The cell's text: bytes in human units, the slope per request or second, the verdict, or "n/a". */
    public static String text(RunStats s, Cell cell) {
        if (lacks(s)) {
            return NOT_AVAILABLE;
        }
        return switch (cell) {
            case PEAK -> Units.bytes(s.peak());
            case FINAL -> Units.bytes(s.last());
            case GROWTH -> Units.bytes(s.growthAfterWarmup());
            case SLOPE -> Double.isNaN(s.slope()) ? "–" : Units.bytes(s.slope()) + s.unit().replace("B", "");
            case VERDICT -> s.verdict().label();
        };
    }
}
