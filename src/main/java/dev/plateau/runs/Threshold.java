package dev.plateau.runs;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a fitted trend counts as {@link Verdict#GROWING}. Two kinds, parsed in one place ({@link #parse}):
 * <ul>
 * <li><b>relative</b> (the default, {@code 10%}): growing when the growth the fit explains (Theil–Sen slope ×
 *     span of x over the fitted window) exceeds {@code fraction} of the level (median of y over that window)
 *     <i>and</i> an absolute floor ({@value #DEFAULT_FLOOR_BYTES} bytes for byte series, 0 for the others). The
 *     fitted growth is in y's unit whatever x is, so the same leak is growing per request, per record or per
 *     second;</li>
 * <li><b>absolute</b> ({@code 1KiB}, {@code 1024}, {@code 512B}): growing when the slope itself exceeds that many
 *     bytes (units of y) per unit of x — the seed's yardstick, 1 KiB per request. This one depends on the unit.</li>
 * </ul>
 *
 * <pre>{@code
 * Threshold.parse("5%");      // relative: 5 % of the level, floor 1 MiB for bytes
 * Threshold.parse("1KiB");    // absolute: 1024 bytes per request (or record, or second)
 * boolean g = Threshold.DEFAULT.growing(slope, fittedGrowth, level, true);
 * }</pre>
 *
 * @param relative      fraction of the level (NaN for an absolute threshold)
 * @param floorBytes    absolute floor on the fitted growth of a byte series (relative thresholds only)
 * @param bytesPerUnit  slope threshold (NaN for a relative threshold)
 */
public record Threshold(double relative, double floorBytes, double bytesPerUnit) {
    public static final double DEFAULT_RELATIVE = 0.10;
    public static final long DEFAULT_FLOOR_BYTES = 1L << 20;
    /** 10 % of the level and at least 1 MiB (bytes). */
    public static final Threshold DEFAULT = relative(DEFAULT_RELATIVE);

    private static final Pattern PERCENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*%");
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?",
            Pattern.CASE_INSENSITIVE);

    public Threshold {
        boolean rel = !Double.isNaN(relative);
        if (rel == !Double.isNaN(bytesPerUnit)) {
            throw new IllegalArgumentException("threshold: give either a fraction of the level or bytes per unit");
        }
        if (rel && !(relative >= 0 && relative < 100)) {
            throw new IllegalArgumentException("threshold: must be between 0% and 10000%, was " + relative * 100 + "%");
        }
        if (!rel && (!(bytesPerUnit >= 0) || Double.isInfinite(bytesPerUnit))) {
            throw new IllegalArgumentException("threshold: must be >= 0 bytes per request, was " + bytesPerUnit);
        }
        if (!(floorBytes >= 0) || Double.isInfinite(floorBytes)) {
            throw new IllegalArgumentException("threshold floor: must be >= 0 bytes, was " + floorBytes);
        }
    }

    /** Relative threshold with the default 1 MiB floor for byte series. */
    public static Threshold relative(double fraction) {
        return new Threshold(fraction, DEFAULT_FLOOR_BYTES, Double.NaN);
    }

    /** Absolute slope threshold in bytes (units of y) per unit of x. */
    public static Threshold absolute(double bytesPerUnit) {
        return new Threshold(Double.NaN, 0, bytesPerUnit);
    }

    /**
     * {@code 10%} / {@code 2.5 %} → relative; {@code 1024}, {@code 512B}, {@code 1KB} (1000), {@code 1KiB} (1024),
     * {@code 1MiB} … → absolute bytes per unit. Anything else: {@link IllegalArgumentException} naming the text.
     */
    public static Threshold parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher p = PERCENT.matcher(t);
        if (p.matches()) {
            return relative(Double.parseDouble(p.group(1)) / 100);
        }
        Matcher s = SIZE.matcher(t);
        if (s.matches()) {
            return absolute(Double.parseDouble(s.group(1)) * multiplier(s.group(2)));
        }
        throw new IllegalArgumentException("threshold: '" + text
                + "' is neither a percentage of the level (10%) nor bytes per unit (1KiB, 1024)");
    }

    private static double multiplier(String unit) {
        return switch (unit == null ? "b" : unit.toLowerCase(Locale.ROOT)) {
            case "kb" -> 1e3;
            case "kib" -> 1024;
            case "mb" -> 1e6;
            case "mib" -> 1024.0 * 1024;
            case "gb" -> 1e9;
            case "gib" -> 1024.0 * 1024 * 1024;
            default -> 1;
        };
    }

    public boolean isRelative() {
        return !Double.isNaN(relative);
    }

    /** The rule applied to one fit; {@code bytes} says whether y is a byte series (the floor applies). */
    public boolean growing(double slope, double fittedGrowth, double level, boolean bytes) {
        if (!isRelative()) {
            return slope > bytesPerUnit;
        }
        double floor = bytes ? floorBytes : 0;
        return fittedGrowth > relative * Math.abs(level) && fittedGrowth > floor;
    }

    /** One line for tables and logs: {@code 10% of the level (at least 1,048,576 B)} or {@code 1,024 B per unit}. */
    public String describe() {
        return isRelative()
                ? String.format(Locale.ROOT, "fitted growth > %s%% of the level (and > %,d B for byte series)",
                        trim(relative * 100), Math.round(floorBytes))
                : String.format(Locale.ROOT, "slope > %s B per unit of work", trim(bytesPerUnit));
    }

    /**
     * A column header's worth: {@code > 10% of level and > 1 MiB} (the floor named, so that a rising curve
     * judged "plateau" for staying under it is explained), or {@code > 2048 B/unit}.
     */
    public String brief() {
        if (!isRelative()) {
            return "> " + trim(bytesPerUnit) + " B/unit";
        }
        String floor = floorBytes <= 0 ? "" : floorBytes % (1 << 20) == 0 ? " and > " + trim(floorBytes / (1 << 20)) + " MiB"
                : String.format(Locale.ROOT, " and > %,d B", Math.round(floorBytes));
        return "> " + trim(relative * 100) + "% of level" + floor;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The {@code threshold} entry of {@code run.json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (isRelative()) {
            m.put("relative", relative);
            m.put("floor_bytes", (long) floorBytes);
        } else {
            m.put("bytes_per_unit", bytesPerUnit);
        }
        return m;
    }
}
