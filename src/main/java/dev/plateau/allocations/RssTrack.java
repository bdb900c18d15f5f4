package dev.plateau.allocations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The target's resident set size over time, sampled on a daemon thread from {@code VmRSS} in
 * {@code /proc/PID/status} (a few µs, no set-up: a probe that needs seconds to start would miss a short target)
 * until {@link #stop()} or until the process is gone.
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

    private RssTrack(long pid, Duration interval, Clock clock) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        thread = new Thread(() -> {
            while (!stopped) {
                long rss = vmRss(status);
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
        }, "plateau-rss-" + pid);
        thread.setDaemon(true);
    }

    /** Starts sampling {@code pid}; {@link IllegalArgumentException} when there is no such process. */
    public static RssTrack start(long pid, Duration interval, Clock clock) {
        if (vmRss(Path.of("/proc", Long.toString(pid), "status")) < 0) {
            throw new IllegalArgumentException("no process with PID " + pid);
        }
        RssTrack t = new RssTrack(pid, interval, clock);
        t.thread.start();
        return t;
    }

    /** VmRSS in bytes, or -1 when the process is gone (or is a zombie, which has no VmRSS line). */
    static long vmRss(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
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
