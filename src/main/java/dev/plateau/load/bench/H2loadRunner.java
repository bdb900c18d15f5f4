package dev.plateau.load.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs nghttp2's <a href="https://nghttp2.org/documentation/h2load-howto.html">h2load</a>, when it is on the
 * {@code PATH}: HTTP/2 cleartext with prior knowledge, {@code n} POSTs of one body over {@code c} connections with
 * {@code m} concurrent streams each ({@code h2load -n 100000 -c 8 -m 10}). Figures are parsed from its report.
 *
 * <pre>{@code
 * H2loadRunner.Result r = H2loadRunner.run(URI.create("http://127.0.0.1:9880/app"), body, 100_000, 8, 10);
 * }</pre>
 */
public final class H2loadRunner {
    private static final Pattern FINISHED = Pattern.compile("finished in ([0-9.]+)(ms|s), ([0-9.]+) req/s");
    private static final Pattern REQUESTS =
            Pattern.compile("requests: (\\d+) total, \\d+ started, \\d+ done, (\\d+) succeeded, (\\d+) failed, (\\d+) errored");
    private static final Pattern STATUS_2XX = Pattern.compile("status codes: (\\d+) 2xx");

    /** One run: requests per second, and how many answered 2xx out of those sent. */
    public record Result(double requestsPerSec, long total, long ok2xx, String raw) {
    }

    private H2loadRunner() {
    }

    /** True when an executable {@code h2load} is on the {@code PATH}. */
    public static boolean available() {
        return Executables.onPath("h2load") != null;
    }

    /** Runs h2load against {@code target}; throws {@link IllegalStateException} when it fails or cannot be read. */
    public static Result run(URI target, byte[] body, int requests, int connections, int streams) {
        return run(target, body, "-n" + requests, connections, streams);
    }

    /**
     * Runs h2load for {@code duration} (whole seconds, at least one: {@code -D}) instead of a request count — a
     * warm-up as long as wrk's, so a JIT-compiled server meets the measured run with its HTTP/2 path compiled.
     */
    public static Result runFor(URI target, byte[] body, Duration duration, int connections, int streams) {
        return run(target, body, "-D" + Math.max(1, duration.toSeconds()), connections, streams);
    }

    private static Result run(URI target, byte[] body, String amount, int connections, int streams) {
        Path file = null;
        try {
            file = Files.createTempFile("plateau-h2load", ".json");
            Files.write(file, body);
            List<String> command = List.of("h2load", amount, "-c" + connections, "-m" + streams,
                    "-d", file.toString(), "-H", "content-type: application/json", target.toString());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out;
            try (var in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("h2load did not finish: " + String.join(" ", command));
            }
            return parse(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run h2load: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while h2load was running", e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /** Parses h2load's report. */
    static Result parse(String out) {
        Matcher finished = FINISHED.matcher(out);
        Matcher requests = REQUESTS.matcher(out);
        if (!finished.find() || !requests.find()) {
            throw new IllegalStateException("cannot read h2load's report:\n" + out);
        }
        Matcher ok = STATUS_2XX.matcher(out);
        return new Result(Double.parseDouble(finished.group(3)), Long.parseLong(requests.group(1)),
                ok.find() ? Long.parseLong(ok.group(1)) : 0, out);
    }
}
