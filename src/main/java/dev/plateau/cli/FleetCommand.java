package dev.plateau.cli;

import dev.plateau.fleet.Auth;
import dev.plateau.fleet.Fleet;
import dev.plateau.fleet.FleetException;
import dev.plateau.fleet.FleetReport;
import dev.plateau.fleet.FleetRunImport;
import dev.plateau.fleet.FleetSpec;
import dev.plateau.fleet.FleetThreshold;
import dev.plateau.fleet.Preset;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plateau fleet}: judges every instance of a fleet from its memory history in Prometheus (or Thanos, Mimir,
 * VictoriaMetrics) with the verdict of local runs, prints a table sorted by slope, and with {@code --out DIR} writes
 * {@code DIR/fleet.csv} and imports each instance as a run under DIR. Exit 0; 1 with {@code --fail-on-growth} when
 * any instance grows; 2 with one line for bad input or a failed query.
 *
 * <pre>{@code
 * plateau fleet --prometheus http://prom:9090 --preset fluent-bit-k8s --range 24h --fail-on-growth
 * plateau fleet --prometheus http://127.0.0.1:9090 --memory plateau_connection_buffer_bytes \
 *               --work plateau_records_in_total --by instance --range 1h --out runs
 * }</pre>
 */
@Command(name = "fleet", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Judge every instance of a fleet from its memory history in Prometheus: slope per record, verdict.")
public final class FleetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--prometheus", required = true, paramLabel = "URL", description = "Prometheus root URL, e.g. http://prom:9090.")
    URI prometheus;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "Queries and labels of a known fleet: fluent-bit-k8s, fluent-bit-hosts, plateau, plateau-rss.")
    String preset;

    @Option(names = "--memory", paramLabel = "PROMQL", description = "Memory gauge, one series per instance.")
    String memory;

    @Option(names = "--work", paramLabel = "PROMQL",
            description = "Work counter (records), one series per instance; without it slopes are per second.")
    String work;

    @Option(names = "--by", split = ",", paramLabel = "LABEL", description = "Labels that name an instance, e.g. pod.")
    List<String> by;

    @Option(names = "--range", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "How far back from --end (default: 24h).")
    Duration range = Duration.ofHours(24);

    @Option(names = "--end", paramLabel = "TIME", description = "End of the range: RFC 3339 or Unix seconds (default: now).")
    String end;

    @Option(names = "--step", paramLabel = "auto|DURATION", description = "Resolution (default: auto, ~1440 points).")
    String step = "auto";

    @Option(names = "--threshold", paramLabel = "BYTES",
            description = "Slope above which an instance is 'growing', bytes per record (or per second) (default: the runs' rule).")
    String threshold;

    @Option(names = "--fail-on-growth", description = "Exit 1 when any instance grows (a CI gate for a canary).")
    boolean failOnGrowth;

    @Option(names = "--out", paramLabel = "DIR", description = "Write DIR/fleet.csv and import each instance as a run under DIR.")
    Path out;

    @ArgGroup(exclusive = true)
    Credential credential;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "Connect and per-query timeout (default: 30s).")
    Duration timeout = FleetSpec.DEFAULT_TIMEOUT;

    @Option(names = "--concurrency", paramLabel = "N", description = "Queries in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency = FleetSpec.DEFAULT_CONCURRENCY;

    /** Where the credential comes from: never the command line itself. */
    static final class Credential {
        @Option(names = "--bearer-token-env", paramLabel = "VAR", description = "Bearer token from this environment variable.")
        String bearerEnv;
        @Option(names = "--bearer-token-file", paramLabel = "FILE", description = "Bearer token from this file.")
        Path bearerFile;
        @Option(names = "--basic-auth-env", paramLabel = "VAR", description = "user:password from this environment variable.")
        String basicEnv;
        @Option(names = "--basic-auth-file", paramLabel = "FILE", description = "user:password from this file.")
        Path basicFile;

        Auth auth() throws FleetException {
            if (bearerEnv != null) {
                return Auth.bearerFromEnv(bearerEnv, System.getenv());
            } else if (bearerFile != null) {
                return Auth.bearerFromFile(bearerFile);
            } else if (basicEnv != null) {
                return Auth.basicFromEnv(basicEnv, System.getenv());
            }
            return Auth.basicFromFile(basicFile);
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        FleetReport report;
        try {
            FleetSpec fleet = toSpec();
            report = new Fleet(fleet).run((phase, done, total) -> { }, out == null ? null : new FleetRunImport(out, fleet));
            if (out != null) {
                report.writeCsv(out.resolve("fleet.csv"));
            }
        } catch (IllegalArgumentException | FleetException e) {
            err.println("plateau fleet: " + e.getMessage());
            err.flush();
            return 2;
        } catch (IOException e) {
            err.println("plateau fleet: cannot write " + out.resolve("fleet.csv") + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        stdout.print(report.table());
        stdout.println(report.summary());
        if (out != null) {
            stdout.println("wrote " + out.resolve("fleet.csv") + " and " + report.results().size() + " runs under " + out);
        }
        stdout.flush();
        return failOnGrowth && !report.growing().isEmpty() ? 1 : 0;
    }

    private FleetSpec toSpec() throws FleetException {
        Preset p = preset == null ? null : Preset.of(preset);
        String mem = memory != null ? memory : p == null ? null : p.memory();
        String wrk = work != null ? work : p == null ? null : p.work();
        List<String> labels = by != null ? by : p == null ? List.of() : p.by();
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("--by: name the labels of an instance (e.g. --by pod), or choose a --preset");
        }
        Duration s = step.equalsIgnoreCase("auto") ? null : dev.plateau.collector.Sizes.parseDuration(step);
        return new FleetSpec(prometheus, credential == null ? Auth.none() : credential.auth(), mem, wrk, labels, range,
                parseEnd(end), s, FleetThreshold.trend(threshold), timeout, concurrency);
    }

    static Instant parseEnd(String text) {
        if (text == null || text.isBlank() || text.equals("now")) {
            return Instant.now();
        }
        try {
            return text.matches("\\d+(\\.\\d+)?") ? Instant.ofEpochMilli(Math.round(Double.parseDouble(text) * 1000)) : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--end: '" + text + "' is not a time (RFC 3339 such as 2026-12-01T00:00:00Z, or Unix seconds)");
        }
    }
}
