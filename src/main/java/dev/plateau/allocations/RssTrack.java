package dev.plateau.allocations;

import dev.plateau.telemetry.ProcessMemoryProbe;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The target's resident set size over time, sampled on a daemon thread from {@code /proc/PID} (through
 * {@link ProcessMemoryProbe}) until {@link #stop()} or until the process is gone.
 *
 * <pre>{@code
 * RssTrack rss = RssTrack.start(target.pid(), Duration.ofMillis(100), Clock.systemUTC());
 * ...
 * List<RssTrack.Point> points = rss.stop();
 * }</pre>
 */
public final class RssTrack {
    /** @param epochMs when it was read; @param rssBytes resident set size then */
    public record Point(long epochMs, long rssBytes) {
    }

    private final List<Point> points = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;

    private RssTrack(ProcessMemoryProbe probe, Duration interval, Clock clock) {
        thread = new Thread(() -> {
            while (!stopped) {
                long rss = probe.rssBytes();
                if (rss < 0) {
                    return;
                }
                synchronized (points) {
                    points.add(new Point(clock.millis(), rss));
                }
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "plateau-rss-" + probe.pid());
        thread.setDaemon(true);
    }

    /** Starts sampling {@code pid}; {@link IllegalArgumentException} when there is no such process. */
    public static RssTrack start(long pid, Duration interval, Clock clock) {
        RssTrack t = new RssTrack(ProcessMemoryProbe.of(pid), interval, clock);
        t.thread.start();
        return t;
    }

    /** Takes one last sample, stops, and returns every sample. */
    public List<Point> stop() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(5_000);
        return points();
    }

    public List<Point> points() {
        synchronized (points) {
            return List.copyOf(points);
        }
    }
}
