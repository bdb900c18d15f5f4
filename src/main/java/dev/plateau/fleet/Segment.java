package dev.plateau.fleet;

import dev.plateau.runs.TrendResult;

/**
 * One stretch of an instance's history between restarts, judged on its own.
 *
 * @param fromMillis first sample's time
 * @param toMillis   last sample's time
 * @param samples    samples in it
 * @param cause      why it starts: {@code start}, {@code counter reset} (the work counter went down: a restart)
 *                   or {@code gap} (no samples for more than two steps: the instance was gone)
 * @param trend      its fit and verdict
 */
public record Segment(long fromMillis, long toMillis, int samples, String cause, TrendResult trend) {
}
