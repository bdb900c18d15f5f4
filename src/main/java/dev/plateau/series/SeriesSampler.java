package dev.plateau.series;

import dev.plateau.telemetry.Sample;
import dev.plateau.telemetry.Sampler;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads every {@link Source} once per interval into one {@link Frame} and hands it to listeners (the run recorder).
 * Two ways to keep time: its own daemon thread ({@link #start}), or following a telemetry {@link Sampler}
 * ({@link #follow}: each typed sample of the embedded collector becomes a frame, with the other sources read in the
 * same tick — the console and the embedded soak). Sources never block a tick (see {@link Source#read}).
 *
 * <pre>{@code
 * SeriesSampler s = new SeriesSampler(List.of(new ProcessSource(pid), PrometheusSource.of(url, interval, events)));
 * s.addListener(recorder::append);
 * s.start(Duration.ofMillis(250));
 * }</pre>
 */
public final class SeriesSampler implements AutoCloseable {
    private final SeriesRegistry registry = new SeriesRegistry();
    private final List<Source> sources = new CopyOnWriteArrayList<>();
    private final List<Consumer<Frame>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private ScheduledExecutorService executor;
    private Sampler followed;
    private Consumer<Sample> follower;
    private volatile Sample current;

    public SeriesSampler(List<Source> sources, Clock clock) {
        this.sources.addAll(sources);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SeriesSampler(List<Source> sources) {
        this(sources, Clock.systemUTC());
    }

    /** Frames that follow a telemetry sampler: the embedded collector's series first, then {@code extra}. */
    public static SeriesSampler follow(Sampler sampler, List<Source> extra) {
        SeriesSampler s = new SeriesSampler(List.of());
        s.sources.add(new EmbeddedSource(() -> s.current));
        s.sources.addAll(extra);
        s.followed = sampler;
        s.follower = sample -> {
            s.current = sample;
            s.tick(sample.epochMillis());
        };
        return s;
    }

    /** Adds a source (e.g. the load generator once a run starts). */
    public void add(Source source) {
        sources.add(Objects.requireNonNull(source, "source"));
    }

    /** Starts taking frames: on its own thread every {@code interval}, or by following its sampler. Idempotent. */
    public synchronized void start(Duration interval) {
        if (followed != null) {
            followed.addListener(follower);
            return;
        }
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plateau-series-sampler");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(() -> tick(clock.millis()), 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops taking frames (sources stay open: {@link #close()} closes them). */
    public synchronized void stop() {
        if (followed != null) {
            followed.removeListener(follower);
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    /** Takes one frame now (on the calling thread) and tells the listeners. */
    public Frame sampleNow() {
        if (followed != null) {
            current = followed.sampleNow();
        }
        return tick(clock.millis());
    }

    private Frame tick(long now) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Source s : sources) {
            try {
                s.read(registry, values);
            } catch (RuntimeException e) {
                // a source reports its trouble through fault(); one that throws anyway loses only this tick
            }
        }
        Frame f = new Frame(now, values);
        for (Consumer<Frame> l : listeners) {
            l.accept(f);
        }
        return f;
    }

    /** The first fault any source reports ({@code "process 123 is gone"}), or {@code null}. */
    public String fault() {
        for (Source s : sources) {
            String f = s.fault();
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    public SeriesRegistry registry() {
        return registry;
    }

    public List<Source> sources() {
        return List.copyOf(sources);
    }

    /** {@code run.json}'s {@code sources} list. */
    public List<Map<String, Object>> describeSources() {
        return sources.stream().map(Source::describe).toList();
    }

    public void addListener(Consumer<Frame> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<Frame> listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        stop();
        sources.forEach(Source::close);
    }
}
