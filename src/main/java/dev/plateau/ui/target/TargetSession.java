package dev.plateau.ui.target;

import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.series.Frame;
import dev.plateau.series.ProcessSource;
import dev.plateau.series.PrometheusSource;
import dev.plateau.series.Series;
import dev.plateau.series.SeriesSampler;
import dev.plateau.series.Source;
import dev.plateau.targets.Target;
import dev.plateau.targets.TargetFault;
import dev.plateau.targets.TargetLauncher;
import dev.plateau.targets.TargetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One target the console watches, from launch (or attach) to stop, without JavaFX: the process, the
 * {@link SeriesSampler} reading it (its process, its Prometheus endpoint when given, and any extra sources such as
 * the console's load generator), the last {@code keep} frames, and — for a target launched under a profile
 * (heaptrack) — the run folder its profile summarises into when it ends. {@link TargetViewModel} turns its
 * callbacks into property changes on the FX thread.
 *
 * <pre>{@code
 * TargetSession s = TargetSession.open(spec, new TargetLauncher(events), List.of(load), events, interval, keep, onFrame);
 * s.recordedInto(runDir);   // a run recorded meanwhile: a profile's summary goes there
 * s.stop();                 // the profile ends the target (connections still open), then SIGTERM
 * }</pre>
 */
final class TargetSession {
    private final Target target;
    private final SeriesSampler sampler;
    private final Path launchDir;
    private final boolean profiled;
    private final int keep;
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private volatile Path recordedInto;

    private TargetSession(Target target, SeriesSampler sampler, Path launchDir, boolean profiled, int keep) {
        this.target = target;
        this.sampler = sampler;
        this.launchDir = launchDir;
        this.profiled = profiled;
        this.keep = keep;
    }

    /**
     * Launches or attaches, waits for the first scrape when a metrics URL is given, and starts sampling every
     * {@code interval}; {@code onFrame} is called on the sampler's thread after each frame is kept.
     */
    static TargetSession open(TargetSpec spec, TargetLauncher launcher, boolean profiled, List<Source> extra,
            Duration interval, int keep, Consumer<Frame> onFrame) throws TargetFault, IOException, InterruptedException {
        return open(spec, launcher, profiled, null, extra, interval, keep, onFrame);
    }

    /** {@code parent}: where the launch folder is made ({@code null}: the temporary directory). */
    static TargetSession open(TargetSpec spec, TargetLauncher launcher, boolean profiled, Path parent, List<Source> extra,
            Duration interval, int keep, Consumer<Frame> onFrame) throws TargetFault, IOException, InterruptedException {
        Path dir = parent == null ? Files.createTempDirectory("plateau-target")
                : Files.createTempDirectory(Files.createDirectories(parent), "heaptrack-target-");
        Target t = launcher.launch(spec, dir);
        List<Source> sources = new ArrayList<>(List.of(new ProcessSource(t.pid())));
        if (t.metrics() != null) {
            PrometheusSource scrape = new PrometheusSource(t.metrics(), PrometheusSource.timeoutFor(interval));
            sources.add(scrape);
            String fault = scrape.awaitFirstScrape(spec.readyTimeout());
            if (fault != null) {
                scrape.close();
                t.close();
                throw new TargetFault(fault, dir);
            }
        }
        sources.addAll(extra);
        TargetSession session = new TargetSession(t, new SeriesSampler(sources), dir, profiled, keep);
        session.sampler.addListener(f -> {
            session.keep(f);
            onFrame.accept(f);
        });
        session.sampler.start(interval);
        return session;
    }

    private void keep(Frame f) {
        synchronized (frames) {
            if (fault() == null || !Double.isNaN(f.value(ProcessSource.RSS.column()))) {
                frames.addLast(f);
                while (frames.size() > keep) {
                    frames.removeFirst();
                }
            }
        }
    }

    /** Why the target or its sampling stopped for good, or {@code null} while it runs. */
    String fault() {
        String fault = target.fault();
        return fault != null ? fault : sampler.fault();
    }

    /**
     * The target died: the launcher's own cause ({@code exited with code 7 (last output: …)}) when it comes within
     * about 2 s — the process source may see {@code /proc/PID} vanish before the exit code is known — else
     * {@code seen}; sampling stops and the target is closed.
     */
    String died(String seen) throws InterruptedException {
        for (int i = 0; i < 40 && target.launched() && target.fault() == null; i++) {
            Thread.sleep(50);
        }
        String message = target.fault() != null ? target.fault() : seen;
        close();
        return message;
    }

    /**
     * Stops sampling and the target. A profiled target is first ended by its profile, connections still open, and
     * summarised into the run recorded meanwhile (else into its launch folder); the folder is returned, or
     * {@code null} for an unprofiled target.
     */
    Path stop(EventLog events) {
        Path into = null;
        try {
            if (profiled && target.launched() && target.fault() == null) {
                into = recordedInto != null ? recordedInto : launchDir;
                target.end(into);
                events.emit(EventKind.LIFECYCLE, "allocation sites of pid " + target.pid() + " summarised into " + into);
            }
        } catch (IOException e) {
            events.emit(EventKind.ERROR, "heaptrack: " + e.getMessage());
            into = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
        return into;
    }

    /** Stops sampling and the target without ending it by its profile (window closing, a death already seen). */
    void close() {
        sampler.close();
        target.close();
    }

    /** A run recorded while this target runs writes into {@code dir}: a profile's summary goes there too. */
    void recordedInto(Path dir) {
        recordedInto = dir;
    }

    boolean profiled() {
        return profiled;
    }

    Target target() {
        return target;
    }

    SeriesSampler sampler() {
        return sampler;
    }

    /** The scraped series: not the process's own {@code target_*} nor the load generator's {@code load_*}. */
    List<String> scrapedColumns() {
        return sampler.registry().series().stream()
                .map(Series::column)
                .filter(c -> !c.startsWith("target_") && !c.startsWith("load_"))
                .toList();
    }

    /** A copy of the kept frames, oldest first. */
    List<Frame> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }
}
