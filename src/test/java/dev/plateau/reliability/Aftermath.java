package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.awaitility.core.ConditionFactory;

import dev.plateau.collector.Collector;
import dev.plateau.collector.ConnectionSnapshot;
import dev.plateau.collector.IngestCounters;
import dev.plateau.collector.encode.LogEventEncoder;
import dev.plateau.events.Event;
import dev.plateau.testing.NettyLeakGuard;
import java.time.Duration;
import java.util.List;

/**
 * The shared checker run after <b>every</b> hostile case. It asserts, in this order:
 * <ol>
 * <li>the next well-formed request, on a new connection, still gets 2xx;</li>
 * <li>buffers are back at their policy's resting size: with shrink on every live connection holds at most one
 *     chunk, and once the clients are gone no connection (and no buffer capacity) is left in the registry; with
 *     reinit on the encoders retain at most {@link LogEventEncoder#INITIAL_CAPACITY} (8 KiB);</li>
 * <li>exact accounting: {@code records_in} equals the records of every request answered 2xx, and once the
 *     flusher caught up {@code records_in == records_out + dropped} and the file output holds exactly
 *     {@code records_out} lines — nothing lost, nothing extra;</li>
 * <li>zero Netty leak reports (forced GC, then the leak detectors poll);</li>
 * <li>every event (the console's log lines) is one line: nothing the client sent injected a line break.</li>
 * </ol>
 *
 * <pre>{@code
 * @AfterEach void aftermath() throws Exception { Aftermath.check(collector); }
 * }</pre>
 */
final class Aftermath {
    static final Duration SETTLE = Duration.ofSeconds(10);

    private Aftermath() {
    }

    /** An await that checks at once and then every 5 ms in the calling thread (the checker runs after hundreds of cases). */
    static ConditionFactory settle(String what) {
        return await(what).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(SETTLE);
    }

    static void check(AttackedCollector c) throws Exception {
        Collector collector = c.collector();
        try (RawConnection probe = c.probe()) {
            assertRestingWhileOpen(c);
        }
        settle("every connection closed and its buffer released").untilAsserted(() -> {
            assertThat(collector.connections().open()).as("open connections").isZero();
            assertThat(collector.connections().totalCapacityBytes()).as("connection buffer bytes").isZero();
        });
        if (collector.policies().reinit()) {
            assertThat(collector.encoderStats().retainedBytes()).as("encoder retained bytes with reinit on")
                    .isLessThanOrEqualTo(LogEventEncoder.INITIAL_CAPACITY);
        }
        awaitAccounting(c);
        assertNoLeaks();
        assertEventsAreSingleLines(c);
    }

    /** With shrink on, every live connection is back to one chunk; with it off, no connection is past max. */
    static void assertRestingWhileOpen(AttackedCollector c) {
        long chunk = c.config().bufferChunkSize();
        long limit = c.collector().policies().shrink() ? chunk : c.config().bufferMaxSize();
        settle("live connection buffers at their resting size").untilAsserted(() -> {
            List<ConnectionSnapshot> live = c.collector().connections().snapshot();
            assertThat(live).as("live connections").isNotEmpty();
            for (ConnectionSnapshot s : live) {
                assertThat(s.capacityBytes()).as("capacity of conn %d (%s)", s.id(), s.remote())
                        .isLessThanOrEqualTo(limit);
            }
        });
    }

    /**
     * Waits for the flusher to catch up, then: in == promised, in == out + dropped, lines == out. On failure the
     * ledger is set to what the collector counted, so one failing case does not fail every case after it.
     */
    static void awaitAccounting(AttackedCollector c) {
        IngestCounters k = c.collector().counters();
        try {
            settleAccounting(c, k);
        } catch (AssertionError | org.awaitility.core.ConditionTimeoutException e) {
            c.resync(k.recordsInTotal());
            throw e;
        }
    }

    private static void settleAccounting(AttackedCollector c, IngestCounters k) {
        settle("flusher caught up, accounting exact").untilAsserted(() -> {
            assertThat(k.recordsInTotal()).as("records_in vs records of 2xx requests").isEqualTo(c.promised());
            assertThat(k.recordsOutTotal() + k.recordsDroppedTotal()).as("records_out + dropped")
                    .isEqualTo(k.recordsInTotal());
            assertThat(c.outputLineCount()).as("lines in %s", c.outputFile()).isEqualTo(k.recordsOutTotal());
        });
    }

    /** After stop: nothing may be pending any more. */
    static void assertExactAccounting(AttackedCollector c) {
        IngestCounters k = c.collector().counters();
        assertThat(k.recordsInTotal()).as("records_in vs records of 2xx requests").isEqualTo(c.promised());
        assertThat(k.recordsOutTotal() + k.recordsDroppedTotal()).as("records_out + dropped after stop")
                .isEqualTo(k.recordsInTotal());
        assertThat(c.outputLineCount()).as("lines in %s after stop", c.outputFile()).isEqualTo(k.recordsOutTotal());
    }

    static void assertNoLeaks() throws InterruptedException {
        NettyLeakGuard.collectAndPoll();
        assertThat(NettyLeakGuard.takeReports()).as("Netty leak reports").isEmpty();
    }

    static void assertEventsAreSingleLines(AttackedCollector c) {
        for (Event e : c.events().all()) {
            assertThat(e.message()).as("event %d", e.seq()).doesNotContain("\n").doesNotContain("\r");
        }
    }
}
