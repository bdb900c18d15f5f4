package dev.plateau.runs;

/**
 * The fitted trend of one metric.
 *
 * @param slopeBytesPerRequest   Theil–Sen slope after warm-up, in bytes per unit of x: per request when fitted
 *                               against cumulative requests, per second when fitted against elapsed time (see {@code unit})
 * @param warmupEndIndex         index of the first sample used for the fit
 * @param growthAfterWarmupBytes value of the last sample minus the value at {@code warmupEndIndex}
 * @param verdict                plateau, growing, or insufficient data
 * @param unit                   {@code B/req} or {@code B/s}
 * @param points                 how many samples the fit used
 */
public record TrendResult(double slopeBytesPerRequest, int warmupEndIndex, double growthAfterWarmupBytes,
                          Verdict verdict, String unit, int points) {

    /** Same as {@link #slopeBytesPerRequest()}, named for fits against elapsed time. */
    public double slope() {
        return slopeBytesPerRequest;
    }
}
