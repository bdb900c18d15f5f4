package dev.plateau.load;

/**
 * Where a running burst stands. Immutable; poll it from any thread (the UI binds a progress bar to it).
 *
 * @param total           requests planned
 * @param sent            requests written to a socket
 * @param answered        responses received, any status
 * @param failed          requests that got no response (refused, reset, timeout, cancelled)
 * @param non2xx          answered requests whose status was not 2xx
 * @param openConnections connections this burst holds open right now (including abandoned ones)
 * @param done            the burst finished, failed or was cancelled
 */
public record BurstProgress(long total, long sent, long answered, long failed, long non2xx, int openConnections,
                            boolean done) {
    /** Completed (answered or failed) over total, 0..1. */
    public double fraction() {
        return total == 0 ? 1.0 : Math.min(1.0, (double) (answered + failed) / total);
    }
}
