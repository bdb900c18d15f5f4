package dev.plateau.runs;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorException;
import dev.plateau.events.EventLog;
import dev.plateau.series.LoadSource;
import dev.plateau.series.ProcessSource;
import dev.plateau.series.PrometheusSource;
import dev.plateau.series.SeriesSampler;
import dev.plateau.series.Source;
import dev.plateau.targets.Target;
import dev.plateau.targets.TargetFault;
import dev.plateau.targets.TargetLauncher;
import dev.plateau.targets.TargetSpec;
import dev.plateau.telemetry.SampleRing;
import dev.plateau.telemetry.Sampler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scenario plays against and how it is sampled: the embedded collector (its {@link Sampler} keeps time and
 * every sample becomes a frame) or an external {@link Target} (a process by PID and, when given, its Prometheus
 * endpoint, on the series sampler's own clock), plus the load generator. {@link #fault()} names the first fault of
 * the target or of a source. Closing stops the sampling, the target (SIGTERM, SIGKILL) or the collector.
 */
final class RunRig implements AutoCloseable {
    private final LoadSource load = new LoadSource();
    private final Duration interval;
    private Collector collector;
    private Sampler sampler;
    private Target target;
    private SeriesSampler series;
    private URI url;

    private RunRig(Duration interval) {
        this.interval = interval;
    }

    /** The embedded collector of {@code scenario}, started. */
    static RunRig embedded(Scenario scenario, EventLog events) throws CollectorException {
        RunRig rig = new RunRig(scenario.sampleInterval());
        rig.collector = new Collector(scenario.collector(), events);
        rig.collector.start();
        rig.sampler = new Sampler(() -> rig.collector, scenario.sampleInterval(),
                new SampleRing(SampleRing.DEFAULT_CAPACITY), Clock.systemUTC());
        // the embedded collector's process is the target: its target_* series make it comparable with any other
        rig.series = SeriesSampler.follow(rig.sampler, List.of(new ProcessSource(ProcessHandle.current().pid()), rig.load));
        InetSocketAddress a = rig.collector.address();
        rig.url = URI.create("http://" + a.getHostString() + ":" + a.getPort() + "/");
        return rig;
    }

    /** Launches (or attaches to) {@code spec}'s target, ready to take bursts; its output goes to {@code runDir}. */
    static RunRig external(TargetSpec spec, Duration interval, TargetLauncher launcher, Path runDir)
            throws TargetFault, InterruptedException {
        RunRig rig = new RunRig(interval);
        rig.target = launcher.launch(spec, runDir);
        List<Source> sources = new ArrayList<>(List.of(new ProcessSource(rig.target.pid())));
        if (rig.target.metrics() != null) {
            PrometheusSource scrape = new PrometheusSource(rig.target.metrics(), PrometheusSource.timeoutFor(interval));
            sources.add(scrape);
            String fault = scrape.awaitFirstScrape(spec.readyTimeout());
            if (fault != null) {
                scrape.close();
                rig.target.close();
                throw new TargetFault(fault, runDir);
            }
        }
        sources.add(rig.load);
        rig.series = new SeriesSampler(sources);
        rig.url = rig.target.url();
        return rig;
    }

    SeriesSampler series() {
        return series;
    }

    LoadSource load() {
        return load;
    }

    URI url() {
        return url;
    }

    Collector collector() {
        return collector;
    }

    void start() {
        series.start(interval);
        if (sampler != null) {
            sampler.start();
        }
    }

    /** Stops the clock and takes one last frame. */
    void stopAndSampleLast() {
        series.stop();
        if (sampler != null) {
            sampler.stop();
            sampler.recordNow();
        }
    }

    String fault() {
        String f = target == null ? null : target.fault();
        return f != null ? f : series.fault();
    }

    /** Ends a profiled target (its profile summarises into the run folder) while the connections are still open. */
    void endTarget() throws java.io.IOException, InterruptedException {
        if (target != null) {
            target.end();
        }
    }

    /** {@code run.json}'s {@code target}: {@code embedded}, or the spec with the PID and resolved URLs. */
    Map<String, Object> describe(TargetSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (target == null) {
            m.put("kind", "embedded");
            return m;
        }
        m.put("kind", target.launched() ? "command" : "pid");
        m.putAll(spec.toJson());
        m.put("pid", target.pid());
        m.put("resolved_command", target.command());
        m.put("resolved_url", target.url().toString());
        m.put("resolved_metrics", target.metrics() == null ? null : target.metrics().toString());
        return m;
    }

    @Override
    public void close() {
        series.close();
        if (sampler != null) {
            sampler.stop();
        }
        if (target != null) {
            target.close();
        }
        if (collector != null) {
            collector.stop();
        }
    }
}
