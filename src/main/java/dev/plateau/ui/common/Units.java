package dev.plateau.ui.common;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import dev.plateau.collector.Sizes;
import java.util.Locale;
import java.util.function.Function;
import javafx.util.StringConverter;

/**
 * Human units for axes, tables and the status bar. Bytes are <b>decimal</b> (1 KB = 1,000 B, 1 MB = 1,000,000 B),
 * the way Fluent Bit writes {@code buffer_chunk_size 512K}, so a 1M chunk reads "1 MB" on every chart.
 * Elapsed time reads "45 s", "2 min", "2:30 min", "1:05 h".
 *
 * <pre>{@code
 * Units.bytes(5_000_000)        // "5 MB"
 * Units.elapsed(150)            // "2:30 min"
 * axis.setTickLabelFormatter(Units.bytesAxis());
 * }</pre>
 */
public final class Units {
    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());

    private Units() {
    }

    /** File-name timestamp of exports and PNGs, local time: {@code 20260101-123456}. */
    public static String fileStamp(Instant when) {
        return FILE_STAMP.format(when);
    }

    /** {@code 0 B}, {@code 512 KB}, {@code 1.5 MB}: three significant digits at most, decimal units. */
    public static String bytes(double bytes) {
        return Sizes.human(bytes);
    }

    /** A plain count with k/M suffixes: {@code 950}, {@code 12.5k}, {@code 3.2M}. */
    public static String count(double n) {
        double v = Math.abs(n);
        String sign = n < 0 ? "-" : "";
        if (v < 1000) {
            return sign + trim(v);
        }
        if (v < 1_000_000) {
            return sign + trim(v / 1000) + "k";
        }
        return sign + trim(v / 1_000_000) + "M";
    }

    /** Seconds as {@code 45 s}, {@code 2 min}, {@code 2:30 min}, {@code 1:05 h}; negative values are clamped to 0. */
    public static String elapsed(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            long m = s / 60;
            long r = s % 60;
            return r == 0 ? m + " min" : String.format(Locale.ROOT, "%d:%02d min", m, r);
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        return String.format(Locale.ROOT, "%d:%02d h", h, m);
    }

    /** Milliseconds as a short age: {@code 850 ms}, {@code 12 s}, {@code 3:20 min}. */
    public static String age(long millis) {
        return millis < 1000 ? Math.max(0, millis) + " ms" : elapsed(millis / 1000.0);
    }

    /** Tick labels in decimal byte units. */
    public static StringConverter<Number> bytesAxis() {
        return converter(n -> bytes(n.doubleValue()));
    }

    /** Tick labels for elapsed seconds. */
    public static StringConverter<Number> elapsedAxis() {
        return converter(n -> elapsed(n.doubleValue()));
    }

    /** Tick labels for counts and rates. */
    public static StringConverter<Number> countAxis() {
        return converter(n -> count(n.doubleValue()));
    }

    private static String trim(double v) {
        return Sizes.significant(v);
    }

    private static StringConverter<Number> converter(Function<Number, String> format) {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n == null ? "" : format.apply(n);
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException("axis labels are not parsed");
            }
        };
    }

    /** Tick step for an elapsed-seconds range: 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1 h ... ~6-10 ticks. */
    public static double niceTimeStep(double range) {
        double[] steps = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400};
        for (double s : steps) {
            if (range / s <= 10) {
                return s;
            }
        }
        return Math.ceil(range / 10 / 86400) * 86400;
    }
}
