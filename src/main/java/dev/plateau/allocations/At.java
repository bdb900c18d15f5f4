package dev.plateau.allocations;

/** Which moment of a run the sites are ranked at: its end ({@code held}: what the killed target still had) or the heap's peak. */
public enum At {
    END, PEAK;

    /** {@code end} or {@code peak}, as on the command line. */
    public static At parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "end", "held" -> END;
            case "peak" -> PEAK;
            default -> throw new IllegalArgumentException("--at: 'end' or 'peak', was '" + text + "'");
        };
    }
}
