package dev.plateau.cli;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.CollectorException;
import dev.plateau.collector.ConnectionRegistry;
import dev.plateau.collector.IngestCounters;
import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.collector.config.ConfigException;
import dev.plateau.collector.config.FluentBitConfig;
import dev.plateau.telemetry.MonitorServer;
import dev.plateau.telemetry.Sampler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plateau collect}: runs the collector headless until SIGINT/SIGTERM, printing {@code listening on HOST:PORT}
 * when ready and one line per shrink, policy, idle-close and warning event; on the signal it drains every accepted
 * record to the output, prints a one-line summary and exits 0. Defaults are Fluent Bit 5.1's ({@code --profile
 * fluent-bit-5.1}: shrink off, reinit off, 10 s idle timeout, no mallopt), so the real binary's curve reproduces out of
 * the box; {@code --profile fluent-bit-4} is the legacy input of the seed. Exit 2: bad flag or value; exit 1: cannot start
 * (port in use).
 *
 * <pre>{@code
 * java -jar target/plateau.jar collect --port 9880 --buffer-chunk-size 1M --buffer-max-size 8M --shrink on
 * java -jar target/plateau.jar collect --config samples/fluent-bit.conf --port 0    # flags typed override the file
 * }</pre>
 * With {@code --config FILE} (Fluent Bit classic or YAML, {@link FluentBitConfig}) the file's warnings are printed as
 * {@code warning: FILE:LINE: ...} lines and an invalid file exits 2 with {@code FILE:LINE: message}.
 */
@Command(name = "collect", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = CatalogueFlags.class,
        description = "Run the embedded in_http collector until SIGINT/SIGTERM, then drain and exit 0.")
public final class CollectCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Fluent Bit configuration file (classic .conf or .yaml); flags given on the command line override it.")
    Path configFile;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicReference<Collector> running = new AtomicReference<>();
    private volatile MonitorServer monitor;
    private volatile int exitCode = CommandLine.ExitCode.OK;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CollectorConfig config;
        try {
            config = config(out);
        } catch (ConfigException e) {
            err.println("plateau collect: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("plateau collect: " + flagNames(e.getMessage()));
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        EventLog events = new EventLog();
        Consumer<Event> printer = e -> print(out, e);
        events.addListener(printer);
        Collector collector = new Collector(config, events);
        CountDownLatch drained = new CountDownLatch(1);
        Thread hook = new Thread(() -> onSignal(drained), "plateau-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            collector.start();
            out.println(dev.plateau.collector.MemoryBudget.of(config).describe());
            startMonitor(collector);
        } catch (CollectorException e) {
            err.println("plateau collect: " + e.getMessage());
            err.flush();
            stopMonitor();
            collector.stop();
            return finish(hook, drained, CommandLine.ExitCode.SOFTWARE);
        }
        running.set(collector);
        awaitStop();
        stopMonitor();
        out.println(connectionsLine(collector.connections()));
        collector.stop();
        out.println(summary(collector.counters()));
        out.flush();
        events.removeListener(printer);
        running.set(null);
        return finish(hook, drained, CommandLine.ExitCode.OK);
    }

    /** Lets a pending signal hook end the JVM with {@code code}, or unregisters the hook when no signal came. */
    private int finish(Thread hook, CountDownLatch drained, int code) {
        exitCode = code;
        drained.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal started the shutdown: the hook halts with exitCode once it sees 'drained'
        }
        return code;
    }

    /**
     * Starts the monitoring server (Fluent Bit's port 2020) on {@code collector.config().monitorPort()} (0 = off),
     * on the collector's listen address, with its own sampler for fresh figures; throws CollectorException if taken.
     */
    void startMonitor(Collector collector) {
        int port = collector.config().monitorPort();
        if (port == 0) {
            return;
        }
        MonitorServer m = new MonitorServer(() -> collector, new Sampler(() -> collector), collector.config().listen(), port);
        m.start();
        monitor = m;
        spec.commandLine().getOut().println("monitor on http://" + m.address().getHostString() + ":"
                + m.address().getPort() + "/api/v1/metrics");
    }

    private void stopMonitor() {
        MonitorServer m = monitor;
        monitor = null;
        if (m != null) {
            m.stop();
        }
    }

    /** The running monitoring server, or null (off, or not started yet). */
    public MonitorServer monitor() {
        return monitor;
    }

    /** Asks a running {@code collect} to drain and return (what SIGINT/SIGTERM do); for tests and embedding. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** The running collector, or null before start and after stop. */
    public Collector collector() {
        return running.get();
    }

    private void awaitStop() {
        boolean interrupted = false;
        while (true) {
            try {
                stopRequested.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGINT/SIGTERM: let the command drain, then end the JVM with its exit code (0, not 130/143). */
    private void onSignal(CountDownLatch drained) {
        stopRequested.countDown();
        try {
            if (drained.await(60, TimeUnit.SECONDS)) {
                System.out.flush();
                Runtime.getRuntime().halt(exitCode);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The configuration: the catalogue's defaults, or the {@code --config} file read with {@link FluentBitConfig},
     * then every catalogue flag typed on the command line ({@link CatalogueFlags}), so that flags override the file.
     */
    private CollectorConfig config(PrintWriter out) throws ConfigException {
        CollectorConfig.Builder b = CollectorConfig.builder();
        if (configFile != null) {
            FluentBitConfig file = FluentBitConfig.load(configFile, System.getenv());
            for (String w : file.warnings()) {
                out.println("warning: " + w);
            }
            b = file.builder();
        }
        CatalogueFlags.apply(spec.commandLine().getParseResult(), b, w -> out.println("warning: " + flagNames(w)));
        return b.build();
    }

    /** Rewrites the option names in a config message as this command's flags. */
    static String flagNames(String message) {
        return CatalogueFlags.flagNames(message);
    }

    private static void print(PrintWriter out, Event e) {
        if (e.kind() == EventKind.LIFECYCLE) {
            if (e.message().startsWith("stopped")) {
                return; // the command prints its own summary line
            }
            out.println(e.message());
        } else if (e.kind() != EventKind.INFO) {
            out.println("[" + e.kind().name().toLowerCase(Locale.ROOT) + "] " + e.message());
        } else {
            return;
        }
        out.flush();
    }

    /** What the connection buffers hold right before stop (the figure the shrink policy changes). */
    static String connectionsLine(ConnectionRegistry r) {
        return String.format(Locale.ROOT, "connections: %d open, buffer capacity %d bytes (largest %d, high-water %d)",
                r.open(), r.totalCapacityBytes(), r.maxCapacityBytes(), r.highWaterBytes());
    }

    static String summary(IngestCounters c) {
        return String.format(Locale.ROOT, "stopped: %d requests (2xx %d, 4xx %d, 5xx %d), records in %d, out %d, dropped %d",
                c.requestsTotal(), c.requestsOfClass(2), c.requestsOfClass(4), c.requestsOfClass(5),
                c.recordsInTotal(), c.recordsOutTotal(), c.recordsDroppedTotal());
    }
}
