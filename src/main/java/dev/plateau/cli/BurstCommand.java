package dev.plateau.cli;

import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.load.BurstHandle;
import dev.plateau.load.BurstProgress;
import dev.plateau.load.BurstReport;
import dev.plateau.load.BurstRunner;
import dev.plateau.load.BurstSpec;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plateau burst}: fires one load burst at a URL, prints a progress line to stderr every second and the
 * report (duration, req/s, MB/s, latency percentiles, status codes, errors) to stdout. Exit 0 when every request
 * got a 2xx answer, 1 when any failed or got another status (or Ctrl-C cancelled the burst), 2 for bad input with
 * one line naming the flag. With {@code --hold} the connections stay open after the report until Ctrl-C.
 *
 * <pre>{@code
 * plateau burst --target http://127.0.0.1:9880/app --requests 200 --connections 10 --lines 4500 \
 *               --delay-ms 100 --reconnect-every 20 --abandon
 * }</pre>
 */
@Command(name = "burst", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fire a load burst at a URL (C keep-alive connections, N requests) and print a wrk-like report.")
public final class BurstCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "URL",
            description = "URL to POST to, e.g. http://127.0.0.1:9880/app.")
    String target;

    @Option(names = "--requests", required = true, paramLabel = "N", description = "Total requests.")
    int requests;

    @Option(names = "--connections", paramLabel = "C",
            description = "Keep-alive connections, each sending one request at a time (default: ${DEFAULT-VALUE}).")
    int connections = 1;

    @Option(names = "--delay-ms", paramLabel = "D", description = "Pause between requests on each connection, ms.")
    long delayMs;

    @Option(names = "--rate", paramLabel = "R",
            description = "Constant total rate, requests/s; latency counts from each request's scheduled time.")
    double rate;

    @Option(names = "--reconnect-every", paramLabel = "K", description = "Open a new connection after K requests on one.")
    int reconnectEvery;

    @Option(names = "--abandon", description = "With --reconnect-every: leave the old connection open (a leaking client).")
    boolean abandon;

    @Option(names = "--hold", description = "Keep the connections open after the burst until Ctrl-C.")
    boolean hold;

    @Option(names = "--lines", paramLabel = "L",
            description = "Generated payload: a JSON array of L log records, ~1.1 KB each (default: 10).")
    Integer lines;

    @Option(names = "--payload", paramLabel = "FILE",
            description = "Send this file instead (.json = JSON; .form/.txt = key=value form data).")
    Path payload;

    @Option(names = "--gzip", description = "Compress the body once and send it with Content-Encoding: gzip.")
    boolean gzip;

    @Option(names = "--tag", paramLabel = "T", description = "POST to /T instead of the target's path.")
    String tag;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "Per-request timeout, e.g. 500ms, 30s, 2m (default: 30s).")
    Duration timeout = Duration.ofSeconds(30);

    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private volatile BurstHandle running;

    /** Ends a {@code --hold} wait (what Ctrl-C does); for tests and embedding. */
    void release() {
        release.complete(null);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BurstSpec burst;
        try {
            burst = toSpec();
        } catch (IllegalArgumentException e) {
            return usageError(err, e.getMessage());
        }
        Thread onSignal = new Thread(this::interrupt, "plateau-burst-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        EventLog events = new EventLog();
        events.addListener(e -> {
            if (e.kind() == EventKind.BURST_START || e.kind() == EventKind.BURST_END) {
                err.println(e.message());
                err.flush();
            }
        });
        try (BurstRunner runner = new BurstRunner(events)) {
            try {
                running = runner.start(burst);
            } catch (IllegalArgumentException e) {
                return usageError(err, e.getMessage());
            }
            BurstReport report = awaitWithProgress(running, err);
            out.print(report.format());
            out.flush();
            if (hold && !release.isDone()) {
                err.println("holding " + running.openConnections() + " connections open; press Ctrl-C to close them");
                err.flush();
                release.join();
            }
            return report.allSucceeded() ? 0 : 1;
        } finally {
            cleanedUp.countDown();
            removeHook(onSignal);
        }
    }

    private BurstSpec toSpec() {
        if (lines != null && payload != null) {
            throw new IllegalArgumentException("--lines and --payload: give one of them, not both");
        }
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--target: not a URL: '" + target + "'");
        }
        return new BurstSpec(uri, requests, delayMs, rate, connections, reconnectEvery, abandon, hold,
                lines == null ? 10 : lines, payload, gzip, tag, timeout);
    }

    private static BurstReport awaitWithProgress(BurstHandle handle, PrintWriter err)
            throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        while (true) {
            try {
                return handle.result().get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                BurstProgress p = handle.progress();
                err.println(String.format(Locale.ROOT, "[%3ds] sent %d/%d  answered %d  failed %d  non-2xx %d  open %d",
                        (System.nanoTime() - start) / 1_000_000_000L, p.sent(), p.total(), p.answered(), p.failed(),
                        p.non2xx(), p.openConnections()));
                err.flush();
            }
        }
    }

    /** Ctrl-C: cancel a running burst, end a hold, and wait until the connections are closed. */
    private void interrupt() {
        BurstHandle handle = running;
        if (handle != null) {
            handle.cancel();
        }
        release();
        try {
            cleanedUp.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for cleanedUp
        }
    }

    private int usageError(PrintWriter err, String message) {
        err.println(spec.qualifiedName() + ": " + message);
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }
}
