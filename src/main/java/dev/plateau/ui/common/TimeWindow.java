package dev.plateau.ui.common;

/** How much history the Live charts show. */
public enum TimeWindow {
    ONE_MINUTE("1 min", 60),
    FIVE_MINUTES("5 min", 300),
    THIRTY_MINUTES("30 min", 1800),
    ALL("all", Double.POSITIVE_INFINITY);

    private final String label;
    private final double seconds;

    TimeWindow(String label, double seconds) {
        this.label = label;
        this.seconds = seconds;
    }

    public double seconds() {
        return seconds;
    }

    @Override
    public String toString() {
        return label;
    }
}
