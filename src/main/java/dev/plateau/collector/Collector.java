package dev.plateau.collector;

import dev.plateau.collector.http.Encoders;
import dev.plateau.collector.http.HttpServer;
import dev.plateau.collector.http.IngestContext;
import dev.plateau.collector.http.Responses;
import dev.plateau.collector.output.Output;
import dev.plateau.collector.output.Outputs;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded ingestion pipeline: a Netty clone of Fluent Bit's {@code in_http} ({@link HttpServer}) with its
 * chunk queue, flusher and output. {@link #stop()} closes the listener and every connection, lets the event loops
 * finish, drains every queued chunk to the output and closes it, so that afterwards
 * {@code records_in == records_out + dropped}.
 *
 * <pre>{@code
 * try (Collector c = new Collector(CollectorConfig.builder().port(0).build(), new EventLog())) {
 *     c.start();                              // binds; throws CollectorException("port 9880 on 127.0.0.1 is in use ...")
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
    private final ChunkQueue queue;
    private final ByteBufAllocator allocator;
    private Encoders encoders;
    private Output output;
    private Flusher flusher;
    private HttpServer server;
    private volatile InetSocketAddress address;
    private volatile boolean running;
    private boolean stopped;

    public Collector(CollectorConfig config, EventLog events) {
        this.config = config;
        this.events = events;
        this.policies = new Policies(config, events);
        this.queue = new ChunkQueue(config.memBufLimit());
        this.allocator = IngestContext.allocator(config.allocator());
    }

    /** Binds and starts serving; emits {@code listening on HOST:PORT}. Throws {@link CollectorException} with a clear message. */
    public synchronized void start() {
        if (running || stopped) {
            throw new IllegalStateException(running ? "collector already running" : "collector was stopped; create a new one");
        }
        if (policies.trim()) {
            NativeMemory.trimThresholds(true);
        }
        output = Outputs.create(config);
        int retries = config.retryLimit() == CollectorConfig.UNLIMITED_RETRIES ? Integer.MAX_VALUE : config.retryLimit();
        flusher = new Flusher(queue, output, counters, config.flush(), events, retries, Flusher.DEFAULT_MAX_BACKOFF);
        flusher.afterFlush(() -> {
            if (policies.trim()) {
                NativeMemory.trim();
            }
        });
        flusher.start();
        encoders = new Encoders(allocator, encoderStats);
        IngestContext context = new IngestContext(config, policies, events, connections, counters, queue, encoders,
                allocator, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), new AtomicInteger(),
                Responses.success(config));
        server = new HttpServer(context);
        try {
            address = server.start();
        } catch (CollectorException e) {
            stopPipeline();
            stopped = true;
            throw e;
        }
        running = true;
        events.emit(EventKind.INFO, MemoryBudget.of(config).describe());
        events.emit(EventKind.LIFECYCLE, "listening on " + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** Stops accepting, closes connections, drains every accepted record to the output, releases everything. Idempotent. */
    public synchronized void stop() {
        if (stopped || !running) {
            stopped = true;
            return;
        }
        stopped = true;
        running = false;
        server.stop();
        stopPipeline();
        events.emit(EventKind.LIFECYCLE, "stopped: records in " + counters.recordsInTotal() + ", out "
                + counters.recordsOutTotal() + ", dropped " + counters.recordsDroppedTotal());
    }

    private void stopPipeline() {
        if (encoders != null) {
            encoders.destroyAll();
        }
        if (flusher != null) {
            flusher.stopAndDrain();
        }
        if (output != null) {
            try {
                output.close();
            } catch (Exception e) {
                events.emit(EventKind.ERROR, "closing output " + output.name() + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return running;
    }

    /** The bound address (the real port when configured with port 0); null before start. */
    public InetSocketAddress address() {
        return address;
    }

    /** Bytes queued for output right now. */
    public long queueBytes() {
        return queue.bytes();
    }

    /** The chunk queue between the event loops and the flusher. */
    public ChunkQueue queue() {
        return queue;
    }

    /** Allocator of connection buffers, chunks and encoder buffers ({@code config.allocator()}). */
    public ByteBufAllocator allocator() {
        return allocator;
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
