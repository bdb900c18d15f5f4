package dev.plateau.collector.http;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;

/**
 * One periodic task for all connections of a collector: hands each connection's {@link ConnectionBuffer#sweep} to
 * the connection's own event loop, with the live {@code idle_timeout} (read at every run, so a policy switch takes
 * effect within one period) and the configured header timeout. Never blocks an event loop. The clock is a Netty
 * {@link Ticker}, injectable to facilitate testing: the connections' event loops must use the same one (in production
 * both are the system ticker; a test gives the sweep its {@code EmbeddedChannel}'s ticker and advances it).
 *
 * <pre>{@code
 * bossGroup.next().scheduleAtFixedRate(new IdleSweep(context), 250, 250, TimeUnit.MILLISECONDS);
 * }</pre>
 */
public final class IdleSweep implements Runnable {
    public static final long PERIOD_MILLIS = 250;

    private final IngestContext context;
    private final Ticker ticker;

    public IdleSweep(IngestContext context) {
        this(context, Ticker.systemTicker());
    }

    public IdleSweep(IngestContext context, Ticker ticker) {
        this.context = context;
        this.ticker = ticker;
    }

    @Override
    public void run() {
        Duration idle = context.policies().idleTimeout();
        long idleNanos = idle.toNanos();
        long headerNanos = context.config().headerTimeout().toNanos();
        if (idleNanos == 0 && headerNanos == 0) {
            return;
        }
        long now = ticker.nanoTime();
        for (Channel ch : context.channels()) {
            ConnectionBuffer buffer = ch.pipeline().get(ConnectionBuffer.class);
            if (buffer != null && !ch.eventLoop().isShuttingDown()) {
                ch.eventLoop().execute(() -> buffer.sweep(now, idleNanos, headerNanos));
            }
        }
    }
}
