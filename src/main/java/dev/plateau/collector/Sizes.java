package dev.plateau.collector;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes and durations written the Fluent Bit way.
 *
 * <p>Sizes are <b>decimal</b>, like {@code flb_utils_size_to_bytes}: {@code 512K} = 512,000 bytes,
 * {@code 4M} = 4,000,000, {@code 1G} = 1,000,000,000; the unit may be followed by {@code B}
 * ({@code 4MB}) and is case-insensitive; a bare number is bytes. Durations accept
 * {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}; a bare number is seconds (Fluent Bit's
 * {@code Flush 1}, {@code Flush 0.5}).
 *
 * <pre>{@code
 * long chunk = Sizes.parseSize("512K");        // 512000
 * Duration idle = Sizes.parseDuration("10s");  // PT10S
 * }</pre>
 */
public final class Sizes {
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMG]?)B?", Pattern.CASE_INSENSITIVE);
    private static final String[] BYTE_UNITS = {"B", "KB", "MB", "GB", "TB"};
    private static final Pattern TIME = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);

    private Sizes() {
    }

    /** Parses a Fluent Bit size; throws {@link IllegalArgumentException} naming the text. */
    public static long parseSize(String text) {
        if (text == null) {
            throw new IllegalArgumentException("size is missing");
        }
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + dev.plateau.events.Printable.of(text) + "' is not a size (use e.g. 512K, 4M, 1G or a number of bytes)");
        }
        long multiplier = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            default -> 1L;
        };
        // exact decimal arithmetic: a double would round sizes above 2^53 bytes (format/parse must round-trip)
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(multiplier));
        if (bytes.compareTo(LONG_MAX) > 0) {
            throw new IllegalArgumentException("'" + dev.plateau.events.Printable.of(text) + "' is too large");
        }
        return bytes.longValue();
    }

    /** Parses a duration such as {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1.5} (seconds). */
    public static Duration parseDuration(String text) {
        if (text == null) {
            throw new IllegalArgumentException("duration is missing");
        }
        Matcher m = TIME.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + dev.plateau.events.Printable.of(text) + "' is not a duration (use e.g. 500ms, 10s, 2m, 1h)");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        double millis = switch (unit) {
            case "ms" -> value;
            case "m" -> value * 60_000;
            case "h" -> value * 3_600_000;
            case "d" -> value * 86_400_000;
            default -> value * 1_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** Formats bytes the Fluent Bit way when exact ({@code 1000000} → {@code 1M}), else as a number. */
    public static String formatSize(long bytes) {
        if (bytes != 0 && bytes % 1_000_000_000L == 0) {
            return bytes / 1_000_000_000L + "G";
        }
        if (bytes != 0 && bytes % 1_000_000L == 0) {
            return bytes / 1_000_000L + "M";
        }
        if (bytes != 0 && bytes % 1_000L == 0) {
            return bytes / 1_000L + "K";
        }
        return Long.toString(bytes);
    }

    /**
     * Bytes for people, decimal like Fluent Bit's sizes: {@code 0 B}, {@code 512 KB}, {@code 1.5 MB}, at most three
     * significant digits; {@code –} for NaN. Charts, tables and the bench's report all write bytes this way.
     */
    public static String human(double bytes) {
        if (Double.isNaN(bytes)) {
            return "–";
        }
        double v = Math.abs(bytes);
        int u = 0;
        while (v >= 1000 && u < BYTE_UNITS.length - 1) {
            v /= 1000;
            u++;
        }
        return (bytes < 0 ? "-" : "") + significant(v) + " " + BYTE_UNITS[u];
    }

    /** {@code v} with at most three significant digits and no trailing zeros ({@code 512}, {@code 1.5}, {@code 12.3}). */
    public static String significant(double v) {
        if (v >= 100 || v == Math.rint(v)) {
            return Long.toString(Math.round(v));
        }
        String s = String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Formats a duration as {@code 10s}, {@code 500ms} or {@code 0s}. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
