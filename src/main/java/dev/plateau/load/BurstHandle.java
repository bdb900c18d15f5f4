package dev.plateau.load;

import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A running (or finished) burst, as returned by {@link BurstRunner#start}. Every method is safe from any thread;
 * {@link #progress()} is cheap enough to poll from a UI timer.
 *
 * <pre>{@code
 * BurstHandle h = runner.start(spec);
 * BurstProgress p = h.progress();          // sent / answered / failed, open connections
 * h.cancel();                              // optional: in-flight requests count as "cancelled"
 * BurstReport r = h.result().join();
 * h.closeHeld();                           // close connections kept by hold or abandon
 * }</pre>
 *
 * <p>Ownership: the request body is one direct {@link ByteBuf} built at start; each request sends a retained
 * duplicate (released by the codec once written), and the handle releases its own reference when the burst ends.
 * Connections the burst opened are tracked until they close: abandoned ones (reconnect with abandon) and, with
 * hold, the last ones stay open after the burst until {@link #closeHeld()} or {@link BurstRunner#close()}.
 *
 * <p>Over 300 lines because the ticket accounting its {@link ConnectionSlot}s share (claim, pacing, finish) and the
 * tracking of open, abandoned and held connections must change together: one burst's state in one place.
 */
public final class BurstHandle {
    private final BurstSpec spec;
    private final EventLog events;
    private final InetSocketAddress address;
    private final String path;
    private final HttpHeaders headers;
    private final ByteBuf body;
    private final long intervalNanos;
    private final BurstStats stats = new BurstStats();
    private final List<ConnectionSlot> slots;
    private final AtomicLong issued = new AtomicLong();
    private final AtomicInteger runningSlots;
    private final AtomicBoolean released = new AtomicBoolean();
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private final Set<Channel> kept = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<BurstReport> result = new CompletableFuture<>();
    private volatile boolean stopping;
    private volatile boolean done;
    private volatile long startNanos;
    private final LongSupplier clock;

    BurstHandle(BurstSpec spec, Payload payload, InetSocketAddress address, EventLog events, EventLoopGroup group,
            LongSupplier clock) {
        this.spec = spec;
        this.clock = clock;
        this.events = events;
        this.address = address;
        this.path = pathOf(spec);
        this.headers = headersOf(spec, payload);
        this.body = Unpooled.directBuffer(payload.body().length).writeBytes(payload.body());
        this.intervalNanos = spec.rate() > 0 ? Math.max(1, Math.round(1e9 / spec.rate())) : 0;
        this.runningSlots = new AtomicInteger(spec.connections());
        List<ConnectionSlot> all = new ArrayList<>(spec.connections());
        for (int i = 0; i < spec.connections(); i++) {
            all.add(new ConnectionSlot(this, group.next()));
        }
        this.slots = List.copyOf(all);
    }

    void start() {
        events.emit(EventKind.BURST_START, describe());
        startNanos = clock.getAsLong();
        // every slot's first request is claimed before any slot runs: a slot whose loop answers quickly must not
        // take the request of a slot this thread has not reached yet (CI saw 2 of 3 held connections open)
        long[] first = new long[slots.size()];
        for (int i = 0; i < first.length; i++) {
            first[i] = claim();
        }
        for (int i = 0; i < first.length; i++) {
            slots.get(i).start(first[i]);
        }
    }

    /** The burst's clock in nanoseconds (pacing, timeouts, latencies): injected through {@link BurstRunner}. */
    long nanoTime() {
        return clock.getAsLong();
    }

    public BurstSpec spec() {
        return spec;
    }

    /** Where the burst stands right now. */
    public BurstProgress progress() {
        return stats.progress(spec.requests(), open.size(), done);
    }

    /** Request bytes written so far (head and body). */
    public long bytesSent() {
        return stats.bytesSent();
    }

    /** Stops issuing requests; in-flight ones count as failed ({@code cancelled}); connections close unless hold. */
    public void cancel() {
        if (done || stopping) {
            return;
        }
        stopping = true;
        slots.forEach(ConnectionSlot::cancel);
    }

    /** Completes with the report when every request was answered or failed, or the burst was cancelled. */
    public CompletableFuture<BurstReport> result() {
        return result;
    }

    /** Closes the connections kept open by hold or abandoned by reconnect-with-abandon. */
    public void closeHeld() {
        for (Channel ch : kept) {
            ch.close();
        }
    }

    /**
     * Sends one request with {@code body} (JSON) on a connection this finished burst holds open; completes with
     * the answer's status. Fails when the burst is still running or holds no open connection.
     */
    public CompletableFuture<Integer> oneMore(byte[] body) {
        Channel ch = done ? kept.stream().filter(Channel::isActive).findFirst().orElse(null) : null;
        if (ch == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(done
                    ? "no held connection is open" : "the burst is still running"));
        }
        HttpHeaders h = new DefaultHttpHeaders().set(headers).set(HttpHeaderNames.CONTENT_TYPE, Payload.JSON)
                .remove(HttpHeaderNames.CONTENT_ENCODING);
        return HeldRequest.send(ch, path, h, body);
    }

    /** Connections of this burst open right now: active, held and abandoned. */
    public int openConnections() {
        return open.size();
    }

    // ---- for ConnectionSlot (any event loop) ----

    BurstStats stats() {
        return stats;
    }

    InetSocketAddress address() {
        return address;
    }

    boolean rated() {
        return intervalNanos > 0;
    }

    /** The next request number to send, or -1 when all are issued or the burst is stopping. */
    long claim() {
        if (stopping) {
            return -1;
        }
        long ticket = issued.getAndIncrement();
        return ticket < spec.requests() ? ticket : -1;
    }

    boolean hasMoreToIssue() {
        return !stopping && issued.get() < spec.requests();
    }

    /** When request {@code ticket} should start: on the constant-rate schedule, or now. */
    long intendedStartNanos(long ticket) {
        return rated() ? startNanos + ticket * intervalNanos : clock.getAsLong();
    }

    FullHttpRequest newRequest() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                body.retainedDuplicate());
        request.headers().set(headers);
        return request;
    }

    void opened(Channel ch) {
        open.add(ch);
        ch.closeFuture().addListener(f -> {
            open.remove(ch);
            kept.remove(ch);
        });
        if (!ch.isOpen()) {
            open.remove(ch);
        }
    }

    void abandon(Channel ch) {
        kept.add(ch);
        if (!ch.isOpen()) {
            kept.remove(ch);
        }
    }

    /** At the end of a slot: keep its channel when holding, else close it. */
    void keepOrClose(Channel ch) {
        if (spec.hold()) {
            abandon(ch);
        } else {
            ch.close();
        }
    }

    void slotFinished() {
        if (runningSlots.decrementAndGet() == 0) {
            finish();
        }
    }

    /** Ends the burst if the slots could not (the runner's loops shut down first). */
    void abort() {
        stopping = true;
        finish();
    }

    private void finish() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        body.release();
        boolean cancelled = stopping && stats.completed() < spec.requests();
        BurstReport report = stats.report(clock.getAsLong() - startNanos, cancelled);
        done = true;
        events.emit(EventKind.BURST_END, endMessage(report));
        if (report.non2xx() > 0) {
            events.emit(EventKind.WARNING, report.non2xx() + " of " + report.requests() + " requests answered non-2xx: "
                    + String.join("; ", report.explainedFailures()));
        }
        result.complete(report);
    }

    private String endMessage(BurstReport r) {
        String kept = spec.hold() || spec.abandon() ? ", " + openConnections() + " connections left open" : "";
        if (r.cancelled()) {
            return "burst cancelled: " + r.summary() + kept;
        }
        if (r.answered() == 0) {
            return "burst failed: all " + r.requests() + " requests failed (" + r.mainError() + ")";
        }
        return "burst done: " + r.summary() + kept;
    }

    private String describe() {
        StringBuilder sb = new StringBuilder("burst ").append(spec.requests()).append(" requests x ")
                .append(spec.connections()).append(" connections → ").append(spec.target().getScheme())
                .append("://").append(address.getHostString()).append(':').append(address.getPort()).append(path);
        sb.append(" (").append(body.readableBytes()).append(" B body");
        if (spec.payloadFile() == null) {
            sb.append(", ").append(spec.lines()).append(" lines");
        } else {
            sb.append(", ").append(spec.payloadFile().getFileName());
        }
        if (spec.gzip()) {
            sb.append(", gzip");
        }
        if (spec.rate() > 0) {
            sb.append(String.format(Locale.ROOT, ", %.1f req/s", spec.rate()));
        }
        if (spec.delayMs() > 0) {
            sb.append(", delay ").append(spec.delayMs()).append(" ms");
        }
        if (spec.reconnectEvery() > 0) {
            sb.append(", reconnect every ").append(spec.reconnectEvery()).append(spec.abandon() ? " (abandon)" : "");
        }
        if (spec.hold()) {
            sb.append(", hold");
        }
        return sb.append(')').toString();
    }

    private static String pathOf(BurstSpec spec) {
        if (spec.tag() != null) {
            return "/" + spec.tag();
        }
        String p = spec.target().getRawPath();
        String base = p == null || p.isEmpty() ? "/" : p;
        return spec.target().getRawQuery() == null ? base : base + "?" + spec.target().getRawQuery();
    }

    private static HttpHeaders headersOf(BurstSpec spec, Payload payload) {
        int port = spec.target().getPort() < 0 ? 80 : spec.target().getPort();
        HttpHeaders h = new DefaultHttpHeaders()
                .set(HttpHeaderNames.HOST, spec.target().getHost() + ":" + port)
                .set(HttpHeaderNames.USER_AGENT, "plateau-burst")
                .set(HttpHeaderNames.CONTENT_TYPE, payload.contentType())
                .set(HttpHeaderNames.CONTENT_LENGTH, payload.body().length);
        if (payload.contentEncoding() != null) {
            h.set(HttpHeaderNames.CONTENT_ENCODING, payload.contentEncoding());
        }
        return h;
    }
}
