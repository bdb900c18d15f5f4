package dev.plateau.collector.http;

import io.netty.channel.Channel;
import java.time.Duration;

/**
 * One periodic task for all connections of a collector: hands each connection's {@link ConnectionBuffer#sweep} to
 * the connection's own event loop, with the live {@code idle_timeout} (read at every run, so a policy switch takes
 * effect within one period) and the configured header timeout. Never blocks an event loop.
 *
 * <pre>{@code
 * bossGroup.next().scheduleAtFixedRate(new IdleSweep(context), 250, 250, TimeUnit.MILLISECONDS);
 * }</pre>
 */
public final class IdleSweep implements Runnable {
    public static final long PERIOD_MILLIS = 250;

    private final IngestContext context;

    public IdleSweep(IngestContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        Duration idle = context.policies().idleTimeout();
        long idleMillis = idle.toMillis();
        long headerMillis = context.config().headerTimeout().toMillis();
        if (idleMillis == 0 && headerMillis == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Channel ch : context.channels()) {
            ConnectionBuffer buffer = ch.pipeline().get(ConnectionBuffer.class);
            if (buffer != null && !ch.eventLoop().isShuttingDown()) {
                ch.eventLoop().execute(() -> buffer.sweep(now, idleMillis, headerMillis));
            }
        }
    }
}
