package dev.plateau.runs;

/**
 * The fitted trend of one metric.
 *
 * @param slopeBytesPerRequest   Theil–Sen slope after warm-up, in bytes per unit of x: per request when fitted
 *                               against cumulative requests, per second when fitted against elapsed time (see {@code unit})
 * @param warmupEndIndex         index of the first sample used for the fit
 * @param growthAfterWarmupBytes value of the last sample minus the value at {@code warmupEndIndex}
 * @param verdict                plateau, growing, or insufficient data
 * @param unit                   {@code B/req}, {@code B/rec}, {@code B/s} ({@code /req} … for series that are not bytes)
 * @param points                 how many samples the fit used
 * @param level                  median of y over the fitted window (NaN when nothing was fitted)
 * @param fittedGrowth           slope × span of x over the fitted window: the growth the fit explains, in y's
 *                               unit whatever x is (NaN when nothing was fitted)
 */
public record TrendResult(double slopeBytesPerRequest, int warmupEndIndex, double growthAfterWarmupBytes,
                          Verdict verdict, String unit, int points, double level, double fittedGrowth) {

    /** Same as {@link #slopeBytesPerRequest()}, named for fits against elapsed time. */
    public double slope() {
        return slopeBytesPerRequest;
    }
}
