package dev.plateau.load.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs <a href="https://github.com/wg/wrk">wrk</a>, when it is on the {@code PATH}, with the same load as the
 * built-in generator: POST of the same body bytes and {@code Content-Type} over the same number of keep-alive
 * connections, for a fixed duration. The body goes to a temporary file that a temporary Lua script reads; both
 * are deleted afterwards. Figures are parsed from wrk's {@code --latency} report.
 *
 * <pre>{@code
 * if (WrkRunner.available()) {
 *     WrkRunner.Result r = new WrkRunner().run(URI.create("http://127.0.0.1:9880/bench"), body, "application/json",
 *             32, Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class WrkRunner {
    private static final Pattern REQUESTS_PER_SEC = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([0-9.]+)(us|ms|s|m|h)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** What one wrk run measured. */
    public record Result(long requests, double seconds, double requestsPerSec, double p50Ms, double p99Ms,
            long errors, String raw) {
    }

    /** True when an executable {@code wrk} is on the {@code PATH}. */
    public static boolean available() {
        return Executables.onPath("wrk") != null;
    }

    /** Runs wrk against {@code target} for {@code duration}; throws {@link IllegalStateException} if wrk fails. */
    public Result run(URI target, byte[] body, String contentType, int connections, Duration duration) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("plateau-wrk");
            Path bodyFile = Files.write(dir.resolve("body"), body);
            Path script = Files.writeString(dir.resolve("post.lua"), luaScript(bodyFile, contentType));
            int threads = Math.min(2, connections);
            List<String> command = List.of("wrk", "-t" + threads, "-c" + connections,
                    "-d" + Math.max(1, duration.toSeconds()) + "s", "--latency", "--timeout", "30s",
                    "-s", script.toString(), target.toString());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out;
            try (var in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("wrk failed: " + String.join(" ", command) + "\n" + out);
            }
            return parse(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run wrk: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while wrk was running", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Parses wrk's report (with {@code --latency}). */
    static Result parse(String out) {
        Matcher rps = REQUESTS_PER_SEC.matcher(out);
        Matcher total = TOTAL.matcher(out);
        if (!rps.find() || !total.find()) {
            throw new IllegalStateException("cannot read wrk's report:\n" + out);
        }
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new Result(Long.parseLong(total.group(1)), toMs(total.group(2), total.group(3)) / 1000,
                Double.parseDouble(rps.group(1)), percentile(out, "50%"), percentile(out, "99%"), errors, out);
    }

    private static double percentile(String out, String label) {
        Matcher m = Pattern.compile("^\\s*" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE)
                .matcher(out);
        return m.find() ? toMs(m.group(1), m.group(2)) : Double.NaN;
    }

    private static double toMs(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            case "h" -> v * 3_600_000;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }

    private static String luaScript(Path bodyFile, String contentType) {
        return String.format(Locale.ROOT, """
                local f = assert(io.open("%s", "rb"))
                wrk.method = "POST"
                wrk.body = f:read("*a")
                f:close()
                wrk.headers["Content-Type"] = "%s"
                """, bodyFile.toString().replace("\\", "\\\\"), contentType);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            for (Path f : all) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
