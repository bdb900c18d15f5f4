package dev.plateau.ui.main;

import dev.plateau.collector.BufferModel;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.events.EventLog;
import dev.plateau.load.BurstRunner;
import dev.plateau.runs.RunRecorder;
import dev.plateau.runs.RunStore;
import dev.plateau.runs.Trend;
import dev.plateau.series.LoadSource;
import dev.plateau.telemetry.ProcessMemoryProbe;
import dev.plateau.telemetry.Sample;
import dev.plateau.telemetry.SampleRing;
import dev.plateau.telemetry.Sampler;
import dev.plateau.ui.allocations.AllocationsViewModel;
import dev.plateau.ui.common.BackgroundTasks;
import dev.plateau.ui.compare.CompareTable;
import dev.plateau.ui.compare.CompareView;
import dev.plateau.ui.compare.CompareViewModel;
import dev.plateau.ui.compare.ExperimentBar;
import dev.plateau.ui.compare.ExperimentViewModel;
import dev.plateau.ui.connections.ConnectionsView;
import dev.plateau.ui.connections.ConnectionsViewModel;
import dev.plateau.ui.live.LiveView;
import dev.plateau.ui.live.LiveViewModel;
import dev.plateau.ui.load.LoadView;
import dev.plateau.ui.load.LoadViewModel;
import dev.plateau.ui.load.RunnerBursts;
import dev.plateau.ui.log.LogView;
import dev.plateau.ui.log.LogViewModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * The composition root: one event log, one background executor, the sampler and the engine adapters, the view
 * models, and the FXML views wired through a controller factory. {@link PlateauApp} and the UI tests build the
 * window the same way.
 *
 * <pre>{@code
 * Console console = Console.create(AppOptions.parse(args));
 * Parent root = console.load();
 * console.start();            // sampler + refresh tick
 * ...
 * console.shutdown();         // cancel bursts, drain and stop the collector, stop sampling, stop the executor
 * }</pre>
 */
public final class Console {
    private final AppOptions options;
    private final EventLog events = new EventLog();
    private final BackgroundTasks tasks = new BackgroundTasks();
    private final Clock clock = Clock.systemUTC();
    private final MainViewModel main;
    private final SampleRing ring;
    private final Sampler sampler;
    private final BurstRunner burstRunner;
    private MainView mainView;
    private final dev.plateau.ui.target.TargetViewModel target;
    private final AllocationsViewModel allocations;

    private Console(AppOptions options, CollectorConfig base) {
        this.options = Objects.requireNonNull(options, "options");
        CollectorViewModel collector = new CollectorViewModel(base, events, tasks);
        ring = new SampleRing(SampleRing.DEFAULT_CAPACITY);
        sampler = new Sampler(collector::current, Sampler.DEFAULT_INTERVAL, ring, clock);
        Supplier<List<Sample>> samples = ring::snapshot;
        Supplier<Sample> latest = ring::latest;
        burstRunner = new BurstRunner(events);
        LoadSource load = new LoadSource();
        target = new dev.plateau.ui.target.TargetViewModel(events, tasks.executor(), javafx.application.Platform::runLater,
                List.of(load)).profiledParent(options.runs());
        allocations = new AllocationsViewModel(options.runs(), tasks);
        target.summarisedProperty().addListener((obs, o, dir) -> allocations.showSummarised(dir));
        RunsViewModel runs = new RunsViewModel(this::record, tasks);
        CompareViewModel compare = new CompareViewModel(new RunStore(options.runs()), tasks, new Trend());
        runs.lastSavedProperty().addListener((obs, o, dir) -> compare.reloadAndAdd(dir));
        ExperimentViewModel experiment = new ExperimentViewModel(options.scenarios(), options.runs(), events, tasks,
                this::showCompared);
        WatchViewModel watch = new WatchViewModel(pid -> sampler.watch(ProcessMemoryProbe.of(pid)), sampler::unwatch, events);
        main = new MainViewModel(new MainViewModel.Parts(events, tasks, clock, samples, collector,
                new LiveViewModel(samples, events, () -> collector.current() == null
                        // the "1 chunk =" unit of the per-connection chart: only the legacy model grows by chunks
                        || collector.current().config().bufferModel() != BufferModel.LEGACY ? 0
                        : collector.current().config().bufferChunkSize()), new ConnectionsViewModel(latest), new LogViewModel(events, latest),
                new StatusViewModel(() -> ring.recent(StatusViewModel.SAMPLES_NEEDED)), new LoadViewModel(new RunnerBursts(burstRunner, load::add), tasks, () -> target.urlOr(collector.targetUrl())),
                compare, experiment, runs, watch));
    }

    private RunsViewModel.Recording record(String label) {
        RunRecorder recorder = target.series() == null ? new RunRecorder(options.runs(), label, sampler, events, clock)
                : new RunRecorder(options.runs(), label, target.series(), events, clock).meta("target", target.describe());
        CollectorViewModel c = main.parts().collector();
        recorder.meta("source", "console");
        if (c.current() != null) {
            recorder.meta("policies", c.current().policies().state().describe());
        }
        Path dir;
        try {
            dir = recorder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder under " + options.runs(), e);
        }
        if (target.series() != null) {
            target.recordingInto(dir);
        }
        return new RunsViewModel.Recording() {
            @Override
            public Path dir() {
                return dir;
            }

            @Override
            public void stop() throws IOException {
                recorder.finish();
            }
        };
    }

    private void showCompared(List<Path> dirs) {
        main.parts().compare().reloadAndSelect(dirs);
        main.pageProperty().set(Page.COMPARE);
    }

    /** A console for the given options; the collector listens on {@code options.listen():options.port()}. */
    public static Console create(AppOptions options) {
        CollectorConfig base = CollectorConfig.builder()
                .listen(options.listen())
                .port(options.port())
                .monitorPort(0)
                .build();
        return new Console(options, base);
    }

    /** Loads {@code /fxml/MainView.fxml} with every controller built from its view model. */
    public Parent load() {
        URL url = Objects.requireNonNull(getClass().getResource("/fxml/MainView.fxml"), "/fxml/MainView.fxml");
        FXMLLoader loader = new FXMLLoader(url);
        MainViewModel.Parts p = main.parts();
        loader.setControllerFactory(type -> {
            if (type == MainView.class) {
                return new MainView(main);
            } else if (type == CollectorBar.class) {
                return new CollectorBar(p.collector());
            } else if (type == dev.plateau.ui.target.TargetBar.class) {
                return new dev.plateau.ui.target.TargetBar(target);
            } else if (type == RunBar.class) {
                return new RunBar(main, () -> mainView.visibleTab());
            } else if (type == LiveView.class) {
                return new LiveView(p.live());
            } else if (type == ConnectionsView.class) {
                return new ConnectionsView(p.connections());
            } else if (type == LoadView.class) {
                return new LoadView(p.load());
            } else if (type == ExperimentBar.class) {
                return new ExperimentBar(p.experiment());
            } else if (type == CompareTable.class) {
                return new CompareTable(p.compare());
            } else if (type == CompareView.class) {
                return new CompareView(p.compare(), p.experiment());
            } else if (type == LogView.class) {
                return new LogView(p.log());
            } else if (type == dev.plateau.ui.fleet.FleetView.class) {
                return new dev.plateau.ui.fleet.FleetView(new dev.plateau.ui.fleet.FleetViewModel(tasks, options.runs()));
            } else if (type == dev.plateau.ui.allocations.AllocationsView.class) {
                return new dev.plateau.ui.allocations.AllocationsView(allocations);
            }
            throw new IllegalArgumentException("no controller for " + type);
        });
        try {
            Parent root = loader.load();
            mainView = loader.getController();
            dev.plateau.ui.target.TargetViews.attach(target, (javafx.scene.control.Tab) loader.getNamespace().get("liveTab"),
                    (javafx.scene.control.Tab) loader.getNamespace().get("connectionsTab"),
                    (javafx.scene.control.Tab) loader.getNamespace().get("loadTab"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the main view", e);
        }
    }

    /** Starts sampling and the refresh tick; with {@code --autostart} also the collector. */
    public void start() {
        sampler.start();
        main.startTicking();
        if (options.autostart()) {
            main.parts().collector().start();
        }
    }

    /** Cancels bursts and jobs, drains and stops the collector, stops sampling and the executor. */
    public void shutdown() {
        main.shutdown(() -> {
            burstRunner.close();
            target.stopNow();
            sampler.stop();
        });
    }

    public MainViewModel model() {
        return main;
    }

    public MainView view() {
        return mainView;
    }

    public Sampler sampler() {
        return sampler;
    }

    public EventLog events() {
        return events;
    }

    public AppOptions options() {
        return options;
    }
}
