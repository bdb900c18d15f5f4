package dev.plateau.cli;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.CollectorException;
import dev.plateau.collector.ConnectionRegistry;
import dev.plateau.collector.IngestCounters;
import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.telemetry.MonitorServer;
import dev.plateau.telemetry.Sampler;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plateau collect}: runs the collector headless until SIGINT/SIGTERM, printing {@code listening on HOST:PORT}
 * when ready and one line per shrink, policy, idle-close and warning event; on the signal it drains every accepted
 * record to the output, prints a one-line summary and exits 0. Defaults are Fluent Bit's (shrink off, reinit off,
 * no idle timeout), so the leak reproduces out of the box. Exit 2: bad flag or value; exit 1: cannot start
 * (port in use).
 *
 * <pre>{@code
 * java -jar target/plateau.jar collect --port 9880 --buffer-chunk-size 1M --buffer-max-size 8M --shrink on
 * }</pre>
 */
@Command(name = "collect", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the embedded in_http collector until SIGINT/SIGTERM, then drain and exit 0.")
public final class CollectCommand implements java.util.concurrent.Callable<Integer> {
    /** Fluent Bit option names in config messages, and the flag that sets each. */
    private static final String[][] FLAG_NAMES = {
        {"buffer_chunk_size", "--buffer-chunk-size"}, {"buffer_max_size", "--buffer-max-size"},
        {"successful_response_code", "--successful-response-code"}, {"success_header", "--success-header"},
        {"remote_addr_key", "--remote-addr-key"}, {"mem_buf_limit", "--mem-buf-limit"},
        {"idle_timeout", "--idle-timeout"}, {"header_timeout", "--header-timeout"},
        {"max_connections", "--max-connections"}, {"monitor port", "--monitor-port"}, {"file format", "--file-format"},
    };
    private static final Pattern LEADING_NAME = Pattern.compile("^(listen|port|output|flush|workers|allocator):");

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "ADDR", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String listen = "127.0.0.1";

    @Option(names = "--port", description = "TCP port, 0 = any free port (default: ${DEFAULT-VALUE}).")
    int port = 9880;

    @Option(names = "--buffer-chunk-size", paramLabel = "SIZE", converter = Converters.Size.class,
            description = "Per-connection buffer at accept and growth step; decimal: 512K = 512000 (default: 512K).")
    long bufferChunkSize = 512_000;

    @Option(names = "--buffer-max-size", paramLabel = "SIZE", converter = Converters.Size.class,
            description = "A request needing more gets 413 and the connection is closed (default: 4M).")
    long bufferMaxSize = 4_000_000;

    @Option(names = "--successful-response-code", paramLabel = "CODE",
            description = "200, 201 or 204; anything else falls back to 201 with a warning (default: ${DEFAULT-VALUE}).")
    int successfulResponseCode = 201;

    @Option(names = "--tag-key", paramLabel = "KEY", description = "Take each record's tag from this string field.")
    String tagKey;

    @Option(names = "--success-header", paramLabel = "'NAME VALUE'",
            description = "Extra header on success answers (repeatable).")
    List<String> successHeaders = new ArrayList<>();

    @Option(names = "--add-remote-addr", description = "Copy the first X-Forwarded-For entry into each record.")
    boolean addRemoteAddr;

    @Option(names = "--remote-addr-key", paramLabel = "KEY", description = "Key for --add-remote-addr (default: ${DEFAULT-VALUE}).")
    String remoteAddrKey = "REMOTE_ADDR";

    @Option(names = "--shrink", arity = "1", paramLabel = "on|off", converter = Converters.OnOff.class,
            description = "Shrink connection buffers back to one chunk after each request (default: off, upstream).")
    boolean shrink;

    @Option(names = "--reinit", arity = "1", paramLabel = "on|off", converter = Converters.OnOff.class,
            description = "Destroy and re-create the encoder after each request (default: off, upstream).")
    boolean reinit;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "Close keep-alive connections idle this long; 0s = never (default: 0s, upstream v4).")
    Duration idleTimeout = Duration.ZERO;

    @Option(names = "--header-timeout", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "Close a connection whose request head has not arrived in this time; 0s = never (default: 30s).")
    Duration headerTimeout = Duration.ofSeconds(30);

    @Option(names = "--output", paramLabel = "null|file:PATH", description = "Where records go (default: ${DEFAULT-VALUE}).")
    String output = "null";

    @Option(names = "--file-format", paramLabel = "out_file|json_lines",
            description = "Format of file output (default: ${DEFAULT-VALUE}, Fluent Bit's 'tag: [sec.nsec, {json}]').")
    String fileFormat = "out_file";

    @Option(names = "--flush", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "How often queued chunks go to the output (default: 1s).")
    Duration flush = Duration.ofSeconds(1);

    @Option(names = "--mem-buf-limit", paramLabel = "SIZE", converter = Converters.Size.class,
            description = "Queued bytes before requests get 503; 0 = unlimited (default: 64M).")
    long memBufLimit = 64_000_000;

    @Option(names = "--workers", description = "Event-loop threads (default: ${DEFAULT-VALUE}).")
    int workers = 1;

    @Option(names = "--max-connections", paramLabel = "N", description = "Refuse connections beyond N; 0 = unlimited (default: 0).")
    int maxConnections;

    @Option(names = "--allocator", paramLabel = "unpooled|pooled|adaptive",
            description = "Allocator of connection and encoder buffers (default: ${DEFAULT-VALUE}: malloc/free like Fluent Bit).")
    String allocator = "unpooled";

    @Option(names = "--token", paramLabel = "TOKEN", description = "Require 'Authorization: Bearer TOKEN' on ingestion.")
    String token;

    @Option(names = "--monitor-port", paramLabel = "PORT",
            description = "Monitoring HTTP server port (Fluent Bit's 2020); 0 = off (default: ${DEFAULT-VALUE}).")
    int monitorPort = 2020;

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

    private CollectorConfig config(PrintWriter out) {
        int code = successfulResponseCode;
        if (!CollectorConfig.ALLOWED_SUCCESS_CODES.contains(code)) {
            code = CollectorConfig.effectiveSuccessCode(code);
            out.println("warning: --successful-response-code " + successfulResponseCode
                    + " is not 200, 201 or 204; using " + code);
        }
        List<CollectorConfig.Header> headers = new ArrayList<>();
        for (String h : successHeaders) {
            headers.add(CollectorConfig.Header.parse(h));
        }
        return CollectorConfig.builder().listen(listen).port(port).bufferChunkSize(bufferChunkSize)
                .bufferMaxSize(bufferMaxSize).successfulResponseCode(code).tagKey(tagKey).successHeaders(headers)
                .addRemoteAddr(addRemoteAddr).remoteAddrKey(remoteAddrKey).output(output).fileFormat(fileFormat)
                .flush(flush).memBufLimit(memBufLimit).shrink(shrink).reinit(reinit).idleTimeout(idleTimeout)
                .headerTimeout(headerTimeout).monitorPort(monitorPort).workers(workers).maxConnections(maxConnections)
                .allocator(allocator).bearerToken(token).build();
    }

    /** Rewrites a config message's Fluent Bit option names as this command's flags. */
    static String flagNames(String message) {
        String m = message;
        for (String[] pair : FLAG_NAMES) {
            m = m.replace(pair[0], pair[1]);
        }
        Matcher lead = LEADING_NAME.matcher(m);
        return lead.find() ? "--" + lead.group(1) + ":" + m.substring(lead.end()) : m;
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
