package dev.plateau.ui.load;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.load.PayloadGenerator;

/**
 * Ready-made bursts for the Load form (the first fills the form at start). Each is paced so that the embedded
 * collector's default {@code mem_buf_limit} is never reached (at most half of it arrives per flush interval, see
 * {@link #bytesPerSecondAtMost()}): no preset answers 503 unless that is its lesson, and none is.
 *
 * <p>Balloon holds its connections open after the burst, so their buffers stay up until Shrink (and the next
 * request on the connection) or the idle timeout brings them down — the README's first minute.
 */
public enum Preset {
    BALLOON("Balloon: 4 connections, 1.6 MB bodies, held open", 100, 250, 4, 0, false, true, 1500),
    LEAKY("Leaky clients: reconnect every 5, abandon", 120, 250, 4, 5, true, false, 1500),
    SEED("Seed case: 10 connections, 3.3 MB bodies", 100, 1200, 10, 10, true, false, 3000),
    SMALL("Small and fast: 1000 × 10 lines", 1000, 2, 4, 0, false, false, 10);

    private final String label;
    public final int requests;
    public final long delayMs;
    public final int connections;
    public final int reconnectEvery;
    public final boolean abandon;
    public final boolean hold;
    public final int lines;

    Preset(String label, int requests, long delayMs, int connections, int reconnectEvery, boolean abandon,
           boolean hold, int lines) {
        this.label = label;
        this.requests = requests;
        this.delayMs = delayMs;
        this.connections = connections;
        this.reconnectEvery = reconnectEvery;
        this.abandon = abandon;
        this.hold = hold;
        this.lines = lines;
    }

    /** Upper bound of the body bytes per second the preset sends (every connection waits {@code delayMs}). */
    public double bytesPerSecondAtMost() {
        return connections * (1000.0 / Math.max(1, delayMs)) * PayloadGenerator.jsonArray(lines, PayloadGenerator.DEFAULT_SEED).length;
    }

    /** True when the preset keeps the default collector under half its {@code mem_buf_limit} per flush. */
    public boolean staysUnderTheDefaultLimit() {
        CollectorConfig defaults = CollectorConfig.builder().build();
        double perFlush = bytesPerSecondAtMost() * defaults.flush().toMillis() / 1000.0;
        return defaults.memBufLimit() == 0 || perFlush <= defaults.memBufLimit() / 2.0;
    }

    @Override
    public String toString() {
        return label;
    }
}
