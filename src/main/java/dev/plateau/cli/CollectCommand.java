package dev.plateau.cli;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.Profile;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
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
        {"retry_limit", "--retry-limit"}, {"buffer model", "--buffer-model"}, {"compress:", "--output-compress:"},
    };
    private static final Pattern LEADING_NAME = Pattern.compile("^(listen|port|output|flush|workers|allocator|profile):");

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Fluent Bit configuration file (classic .conf or .yaml); flags given on the command line override it.")
    Path configFile;

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

    @Option(names = "--profile", paramLabel = "fluent-bit-5.1|fluent-bit-4",
            description = "Which Fluent Bit the clone behaves like; sets the buffer model, idle timeout and mem_buf_limit"
                    + " unless given (default: ${DEFAULT-VALUE}).")
    String profile = Profile.FLUENT_BIT_5_1.id();

    @Option(names = "--trim", arity = "1", paramLabel = "on|off", converter = Converters.OnOff.class,
            description = "Trim policy: malloc thresholds 128 KiB and malloc_trim(0) after each flush, as"
                    + " MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072 do for Fluent Bit (default: off).")
    boolean trim;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "Close keep-alive connections idle this long; 0s = never (default: the profile's, 10s in 5.1).")
    Duration idleTimeout = Duration.ZERO;

    @Option(names = "--header-timeout", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "Close a connection whose request head has not arrived in this time; 0s = never (default: 30s).")
    Duration headerTimeout = Duration.ofSeconds(30);

    @Option(names = "--output", paramLabel = "null|file:PATH|http://HOST:PORT/PATH",
            description = "Where records go (default: ${DEFAULT-VALUE}).")
    String output = "null";

    @Option(names = "--output-compress", paramLabel = "none|gzip",
            description = "Body compression of the http output (Fluent Bit's compress; default: ${DEFAULT-VALUE}).")
    String outputCompress = "none";

    @Option(names = "--retry-limit", paramLabel = "N|no_limits",
            description = "Retries of a failed chunk before it is dropped (Fluent Bit's Retry_Limit; default: ${DEFAULT-VALUE}).")
    String retryLimit = "1";

    @Option(names = "--file-format", paramLabel = "out_file|json_lines",
            description = "Format of file output (default: ${DEFAULT-VALUE}, Fluent Bit's 'tag: [sec.nsec, {json}]').")
    String fileFormat = "out_file";

    @Option(names = "--flush", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "How often queued chunks go to the output (default: 1s).")
    Duration flush = Duration.ofSeconds(1);

    @Option(names = "--mem-buf-limit", paramLabel = "SIZE", converter = Converters.Size.class,
            description = "Chunk bytes held before requests get 503; 0 = unlimited (default: 0, Fluent Bit's).")
    long memBufLimit = 64_000_000;

    @Option(names = "--workers", description = "Event-loop threads (default: ${DEFAULT-VALUE}).")
    int workers = 1;

    @Option(names = "--max-connections", paramLabel = "N", description = "Refuse connections beyond N; 0 = unlimited (default: 0).")
    int maxConnections;

    @Option(names = "--buffer-model", paramLabel = "legacy|v5",
            description = "Connection buffers: legacy (chunk at accept, chunk growth) or v5 (Fluent Bit 5: 10 KiB, exact growth)"
                    + " (default: the profile's, v5 in 5.1).")
    String bufferModel = "legacy";

    @Option(names = "--http2", arity = "1", paramLabel = "on|off", converter = Converters.OnOff.class,
            description = "Accept HTTP/2 cleartext (prior knowledge and Upgrade: h2c) on the same port (default: on).")
    boolean http2 = true;

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
     * The configuration: Plateau's defaults, or the {@code --config} file read with {@link FluentBitConfig}, then every
     * flag — with a file, only the flags actually typed on the command line, so that they override the file.
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
        CommandLine.ParseResult typed = spec.commandLine().getParseResult();
        Flags f = new Flags(configFile == null ? null : typed);
        if (f.given("--profile")) {
            b.profile(Profile.parse(profile));
        }
        f.set("--trim", b::trim, trim);
        f.set("--listen", b::listen, listen);
        f.set("--port", b::port, port);
        f.set("--buffer-chunk-size", b::bufferChunkSize, bufferChunkSize);
        f.set("--buffer-max-size", b::bufferMaxSize, bufferMaxSize);
        if (f.given("--successful-response-code")) {
            int code = CollectorConfig.effectiveSuccessCode(successfulResponseCode);
            if (code != successfulResponseCode) {
                out.println("warning: --successful-response-code " + successfulResponseCode
                        + " is not 200, 201 or 204; using " + code);
            }
            b.successfulResponseCode(code);
        }
        f.set("--tag-key", b::tagKey, tagKey);
        if (f.given("--success-header")) {
            List<CollectorConfig.Header> headers = new ArrayList<>();
            for (String h : successHeaders) {
                headers.add(CollectorConfig.Header.parse(h));
            }
            b.successHeaders(headers);
        }
        f.set("--add-remote-addr", b::addRemoteAddr, addRemoteAddr);
        f.set("--remote-addr-key", b::remoteAddrKey, remoteAddrKey);
        f.set("--output", b::output, output);
        f.set("--file-format", b::fileFormat, fileFormat);
        f.set("--output-compress", b::outputCompress, outputCompress);
        if (f.given("--retry-limit")) {
            b.retryLimit(CollectorConfig.parseRetryLimit(retryLimit));
        }
        f.set("--flush", b::flush, flush);
        Flags ownedByProfile = new Flags(typed);
        ownedByProfile.set("--mem-buf-limit", b::memBufLimit, memBufLimit);
        f.set("--shrink", b::shrink, shrink);
        f.set("--reinit", b::reinit, reinit);
        ownedByProfile.set("--idle-timeout", b::idleTimeout, idleTimeout);
        f.set("--header-timeout", b::headerTimeout, headerTimeout);
        f.set("--monitor-port", b::monitorPort, monitorPort);
        f.set("--workers", b::workers, workers);
        f.set("--max-connections", b::maxConnections, maxConnections);
        ownedByProfile.set("--buffer-model", b::bufferModel, bufferModel);
        f.set("--http2", b::http2, http2);
        f.set("--allocator", b::allocator, allocator);
        f.set("--token", b::bearerToken, token);
        return b.build();
    }

    /** Applies a flag's value: always without a config file, else only when the flag was typed. */
    private record Flags(CommandLine.ParseResult typed) {
        boolean given(String flag) {
            return typed == null || typed.hasMatchedOption(flag);
        }

        <T> void set(String flag, Function<T, CollectorConfig.Builder> setter, T value) {
            if (given(flag)) {
                setter.apply(value);
            }
        }
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
