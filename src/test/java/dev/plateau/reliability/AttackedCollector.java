package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.events.EventLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A real collector under attack: bound to 127.0.0.1 on an ephemeral port, writing to a file output, with a
 * ledger of the records the test was promised (every record of every request answered 2xx). The
 * {@link Aftermath} checker compares the ledger with the collector's counters and with the lines in the file.
 *
 * <p>The default configuration is small on purpose, so that the limits are cheap to hit: chunk 64K, max 1M
 * (decimal, like Fluent Bit), a 500 ms header timeout, shrink and reinit on, a 20 ms flush.
 *
 * <pre>{@code
 * try (AttackedCollector c = AttackedCollector.start(tempDir, b -> b)) {
 *     ... attack c.address() ...
 *     c.accepted(3);                 // the attack got a 2xx for 3 records
 *     Aftermath.check(c);            // probe, resting sizes, accounting, leaks
 * }
 * }</pre>
 */
final class AttackedCollector implements AutoCloseable {
    static final long CHUNK = 64_000;
    static final long MAX = 1_000_000;
    static final Duration HEADER_TIMEOUT = Duration.ofMillis(500);

    private final Path output;
    private final EventLog events = new EventLog(100_000);
    private final Collector collector;
    private final AtomicLong promised = new AtomicLong();
    private final AtomicLong probes = new AtomicLong();

    private AttackedCollector(Path output, CollectorConfig config) {
        this.output = output;
        this.collector = new Collector(config, events);
    }

    /** The suite's default configuration writing to {@code dir/out.log}, adjusted by {@code tweak}. */
    static CollectorConfig config(Path dir, UnaryOperator<CollectorConfig.Builder> tweak) {
        CollectorConfig.Builder b = CollectorConfig.builder()
                .port(0)
                .monitorPort(0)
                .bufferChunkSize(CHUNK)
                .bufferMaxSize(MAX)
                .shrink(true)
                .reinit(true)
                .headerTimeout(HEADER_TIMEOUT)
                .flush(Duration.ofMillis(20))
                .output("file:" + dir.resolve("out.log"));
        return tweak.apply(b).build();
    }

    static AttackedCollector start(Path dir, UnaryOperator<CollectorConfig.Builder> tweak) {
        CollectorConfig cfg = config(dir, tweak);
        AttackedCollector c = new AttackedCollector(Path.of(cfg.output().substring("file:".length())), cfg);
        c.collector.start();
        return c;
    }

    static AttackedCollector start(Path dir) {
        return start(dir, UnaryOperator.identity());
    }

    Collector collector() {
        return collector;
    }

    EventLog events() {
        return events;
    }

    InetSocketAddress address() {
        return collector.address();
    }

    CollectorConfig config() {
        return collector.config();
    }

    Path outputFile() {
        return output;
    }

    /** Adds {@code records} to the ledger: a request carrying them was answered 2xx. */
    void accepted(long records) {
        promised.addAndGet(records);
    }

    /** After a failed case: take the collector's count as the new baseline so later cases are judged alone. */
    void resync(long recordsIn) {
        promised.set(recordsIn);
    }

    /** Records the collector promised to deliver so far. */
    long promised() {
        return promised.get();
    }

    /**
     * Sends one well-formed record on a fresh keep-alive connection, asserts 2xx, and returns the still-open
     * connection (the caller inspects its buffer, then closes it).
     */
    RawConnection probe() throws IOException {
        RawConnection c = RawConnection.open(address());
        long n = probes.incrementAndGet();
        c.write(Requests.json("/probe", "{\"probe\":" + n + "}"));
        RawResponse r = c.readResponse();
        assertThat(r).as("probe %d after the attack", n).isNotNull();
        assertThat(r.status()).as("probe %d after the attack: %s", n, r).isBetween(200, 299);
        accepted(1);
        return c;
    }

    /** Lines of the file output (0 if it does not exist yet). */
    List<String> outputLines() {
        try {
            return Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long outputLineCount() {
        return outputLines().size();
    }

    /** Stops the collector (drains), then asserts the exact accounting one last time. */
    @Override
    public void close() {
        collector.stop();
        Aftermath.assertExactAccounting(this);
    }
}
