package dev.plateau.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One of a burst's C connection slots: sends requests one at a time (no pipelining) on a real keep-alive
 * channel until the burst has issued all of its requests. It connects on demand, reconnects every K requests
 * (closing the old channel, or abandoning it open), applies the pacing, times requests out, and counts each
 * claimed request exactly once as answered or failed.
 *
 * <p>All state is confined to one event loop: the slot and every channel it opens live on {@link #loop}, so
 * its handler callbacks, timers and connect listeners never race.
 */
final class ConnectionSlot {
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private final BurstHandle burst;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final long timeoutNanos;
    private final int reconnectEvery;

    private Channel channel;
    private int sentOnChannel;
    private boolean inFlight;
    private long intendedNanos;
    private long deadlineNanos = NO_DEADLINE;
    private ScheduledFuture<?> timer;
    private ScheduledFuture<?> timeoutTimer;
    private boolean finished;

    ConnectionSlot(BurstHandle burst, EventLoop loop) {
        this.burst = burst;
        this.loop = loop;
        this.timeoutNanos = burst.spec().timeout().toNanos();
        this.reconnectEvery = burst.spec().reconnectEvery();
        ConnectionSlot slot = this;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, burst.spec().timeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec());
                        ch.pipeline().addLast(HeldRequest.NAME, new ResponseHandler(slot));
                    }
                });
    }

    /**
     * Starts this slot with its first request, claimed by {@link BurstHandle#start()} for every slot before any
     * slot runs: C connections really open whenever N >= C, however the event loops are scheduled.
     */
    void start(long first) {
        loop.execute(() -> schedule(first));
    }

    /** Stops this slot: the in-flight request counts as cancelled; the channel closes unless the burst holds. */
    void cancel() {
        loop.execute(() -> {
            if (finished) {
                return;
            }
            cancelTimer();
            if (inFlight) {
                inFlight = false;
                burst.stats().failed(ErrorKinds.CANCELLED);
            }
            finish();
        });
    }

    private void next() {
        if (finished) {
            return;
        }
        schedule(burst.claim());
    }

    private void schedule(long ticket) {
        if (finished) {
            return;
        }
        if (ticket < 0) {
            finish();
            return;
        }
        long intended = burst.intendedStartNanos(ticket);
        long wait = intended - burst.nanoTime();
        if (wait > 0) {
            timer = loop.schedule(() -> dispatch(intended), wait, TimeUnit.NANOSECONDS);
        } else {
            dispatch(intended);
        }
    }

    private void dispatch(long intended) {
        timer = null;
        if (finished) {
            return;
        }
        intendedNanos = burst.rated() ? intended : burst.nanoTime();
        if (channel != null && reconnectEvery > 0 && sentOnChannel >= reconnectEvery) {
            retire(channel);
            channel = null;
        }
        if (channel != null && channel.isActive()) {
            send(channel);
            return;
        }
        channel = null;
        inFlight = true;
        bootstrap.connect(burst.address()).addListener((ChannelFuture f) -> onConnected(f));
    }

    private void onConnected(ChannelFuture f) {
        if (finished || !inFlight) {
            if (f.isSuccess()) {
                burst.opened(f.channel());
                burst.keepOrClose(f.channel());
            }
            return;
        }
        if (!f.isSuccess()) {
            complete(false, 0, ErrorKinds.ofConnect(f.cause()));
            return;
        }
        channel = f.channel();
        sentOnChannel = 0;
        burst.opened(channel);
        send(channel);
    }

    private void send(Channel ch) {
        inFlight = true;
        sentOnChannel++;
        if (!burst.rated()) {
            intendedNanos = burst.nanoTime();
        }
        FullHttpRequest request = burst.newRequest();
        int bytes = request.content().readableBytes();
        armTimeout();
        burst.stats().sent();
        ch.writeAndFlush(request).addListener(f -> {
            if (f.isSuccess()) {
                burst.stats().bytesWritten(bytes);
            } else {
                onError(ch, f.cause());
            }
        });
    }

    void onAnswer(Channel ch, int status, boolean keepAlive) {
        if (ch != channel || !inFlight) {
            return;
        }
        if (!keepAlive) {
            channel = null;
            ch.close();
        }
        complete(true, status, null);
    }

    void onReason(int status, String reason) {
        burst.stats().reason(status, reason);
    }

    void onError(Channel ch, Throwable cause) {
        if (ch == channel && inFlight) {
            channel = null;
            ch.close();
            complete(false, 0, ErrorKinds.of(cause));
        } else if (ch != channel) {
            ch.close();
        }
    }

    void onInactive(Channel ch) {
        if (ch != channel) {
            return;
        }
        channel = null;
        if (inFlight) {
            complete(false, 0, ErrorKinds.CLOSED);
        }
    }

    /**
     * One lazy timer per slot instead of one per request: it is armed when none is pending, and when it fires
     * before the current deadline it re-arms for the rest. Scheduling and cancelling a task per request cost
     * more than the request itself at tens of thousands of requests per second.
     */
    private void armTimeout() {
        deadlineNanos = burst.nanoTime() + timeoutNanos;
        if (timeoutTimer == null) {
            timeoutTimer = loop.schedule(this::checkTimeout, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void checkTimeout() {
        timeoutTimer = null;
        if (finished || deadlineNanos == NO_DEADLINE) {
            return;
        }
        long left = deadlineNanos - burst.nanoTime();
        if (left > 0) {
            timeoutTimer = loop.schedule(this::checkTimeout, left, TimeUnit.NANOSECONDS);
        } else if (inFlight && channel != null) {
            Channel ch = channel;
            channel = null;
            ch.close();
            complete(false, 0, ErrorKinds.TIMEOUT);
        }
    }

    private void complete(boolean answered, int status, String error) {
        inFlight = false;
        deadlineNanos = NO_DEADLINE;
        cancelTimer();
        if (answered) {
            burst.stats().answered(status, burst.nanoTime() - intendedNanos);
        } else {
            burst.stats().failed(error);
        }
        long delayMs = burst.spec().delayMs();
        if (delayMs > 0 && burst.hasMoreToIssue()) {
            timer = loop.schedule(this::next, delayMs, TimeUnit.MILLISECONDS);
        } else if (answered) {
            next();
        } else {
            loop.execute(this::next);
        }
    }

    private void retire(Channel ch) {
        if (burst.spec().abandon()) {
            burst.abandon(ch);
        } else {
            ch.close();
        }
    }

    private void finish() {
        finished = true;
        cancelTimer();
        cancelTimeout();
        if (channel != null) {
            burst.keepOrClose(channel);
            channel = null;
        }
        burst.slotFinished();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void cancelTimeout() {
        deadlineNanos = NO_DEADLINE;
        if (timeoutTimer != null) {
            timeoutTimer.cancel(false);
            timeoutTimer = null;
        }
    }
}
