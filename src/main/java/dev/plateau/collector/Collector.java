package dev.plateau.collector;

import dev.plateau.events.EventLog;
import java.net.InetSocketAddress;

/**
 * CONTRACT STUB — implemented on branch h1-http. The embedded ingestion pipeline: a Netty clone of Fluent Bit's
 * {@code in_http} with its chunk queue, flusher and output.
 *
 * <pre>{@code
 * try (Collector c = new Collector(CollectorConfig.builder().port(0).build(), new EventLog())) {
 *     c.start();                              // binds; throws CollectorException("port 9880 is in use ...")
 *     c.policies().setShrink(true);
 *     c.stop();                               // closes listener and connections, drains the queue to the output
 * }
 * }</pre>
 */
public final class Collector implements AutoCloseable {
    private final CollectorConfig config;
    private final EventLog events;
    private final Policies policies;
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final EncoderStats encoderStats = new EncoderStats();
    private final IngestCounters counters = new IngestCounters();

    public Collector(CollectorConfig config, EventLog events) {
        this.config = config;
        this.events = events;
        this.policies = new Policies(config.shrink(), config.reinit(), config.idleTimeout(), events);
    }

    /** Binds and starts serving; emits {@code listening on HOST:PORT}. Throws {@link CollectorException} with a clear message. */
    public void start() {
        throw new UnsupportedOperationException("stub");
    }

    /** Stops accepting, closes connections, drains every accepted record to the output, releases everything. Idempotent. */
    public void stop() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        throw new UnsupportedOperationException("stub");
    }

    /** The bound address (the real port when configured with port 0). */
    public InetSocketAddress address() {
        throw new UnsupportedOperationException("stub");
    }

    /** Bytes queued for output right now. */
    public long queueBytes() {
        throw new UnsupportedOperationException("stub");
    }

    public CollectorConfig config() {
        return config;
    }

    public EventLog events() {
        return events;
    }

    public Policies policies() {
        return policies;
    }

    public ConnectionRegistry connections() {
        return connections;
    }

    public EncoderStats encoderStats() {
        return encoderStats;
    }

    public IngestCounters counters() {
        return counters;
    }
}
