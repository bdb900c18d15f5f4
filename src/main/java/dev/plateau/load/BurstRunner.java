package dev.plateau.load;

import dev.plateau.events.EventLog;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Fires load bursts: C real keep-alive connections on one Netty client event loop group, each sending requests
 * one at a time until N are done. Owns its threads; {@link #close()} cancels running bursts and closes every
 * connection, including held and abandoned ones.
 *
 * <pre>{@code
 * try (BurstRunner runner = new BurstRunner(events)) {
 *     BurstHandle h = runner.start(BurstSpec.simple(URI.create("http://127.0.0.1:9880/app"), 1000, 8, 10));
 *     System.out.print(h.result().join().format());
 * }
 * }</pre>
 */
public final class BurstRunner implements AutoCloseable {
    /** Client threads by default: two are plenty to saturate a local collector and cheap to keep. */
    public static final int DEFAULT_THREADS = 2;

    private final EventLog events;
    private final EventLoopGroup group;
    private final LongSupplier nanoClock;
    private final List<BurstHandle> handles = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public BurstRunner(EventLog events) {
        this(events, DEFAULT_THREADS);
    }

    public BurstRunner(EventLog events, int threads) {
        this(events, threads, System::nanoTime);
    }

    /**
     * @param nanoClock where pacing, timeouts and latencies read the time (nanoseconds), injectable to facilitate
     *                  testing; {@code System::nanoTime} otherwise
     */
    public BurstRunner(EventLog events, int threads, LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        if (threads < 1) {
            throw new IllegalArgumentException("threads: must be >= 1, was " + threads);
        }
        this.events = Objects.requireNonNull(events, "events");
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("plateau-burst", true),
                NioIoHandler.newFactory());
    }

    /**
     * Starts a burst and returns at once. The payload is built (or read, and compressed) here, so a bad
     * {@code --payload} file or an unknown host throws {@link IllegalArgumentException} naming the option.
     */
    public BurstHandle start(BurstSpec spec) {
        if (closed) {
            throw new IllegalStateException("burst runner is closed");
        }
        Payload payload = Payload.forSpec(spec);
        int port = spec.target().getPort() < 0 ? 80 : spec.target().getPort();
        InetSocketAddress address = new InetSocketAddress(spec.target().getHost(), port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("--target: unknown host '" + spec.target().getHost() + "'");
        }
        BurstHandle handle = new BurstHandle(spec, payload, address, events, group, nanoClock);
        handles.removeIf(h -> h.result().isDone() && h.openConnections() == 0);
        handles.add(handle);
        handle.start();
        return handle;
    }

    /** Cancels running bursts, closes every connection (held and abandoned too) and stops the threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (BurstHandle h : handles) {
            h.cancel();
        }
        for (BurstHandle h : handles) {
            try {
                h.result().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // a slot that never got to run; abort() below completes it
            }
            h.closeHeld();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        for (BurstHandle h : handles) {
            h.abort();
        }
    }
}
