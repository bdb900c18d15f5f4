package dev.plateau.allocations;

import java.util.Locale;

/**
 * heaptrack's byte notation: decimal units, as {@code heaptrack_print} prints them ({@code 0B}, {@code 168B},
 * {@code 72.70K} = 72,700 bytes, {@code 31.71M}, {@code 1.2G}).
 */
public final class ByteUnits {
    private ByteUnits() {
    }

    static long parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("not a heaptrack size: ''");
        }
        char unit = Character.toUpperCase(t.charAt(t.length() - 1));
        double factor = switch (unit) {
            case 'B' -> 1;
            case 'K' -> 1e3;
            case 'M' -> 1e6;
            case 'G' -> 1e9;
            case 'T' -> 1e12;
            default -> Double.NaN;
        };
        String number = Double.isNaN(factor) ? t : t.substring(0, t.length() - 1);
        try {
            return Math.round(Double.parseDouble(number) * (Double.isNaN(factor) ? 1 : factor));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a heaptrack size: '" + text + "'");
        }
    }

    /** Megabytes with one decimal ({@code 31.7 MB}), for tables. */
    public static String mb(double bytes) {
        return Double.isNaN(bytes) ? "-" : String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
    }
}
