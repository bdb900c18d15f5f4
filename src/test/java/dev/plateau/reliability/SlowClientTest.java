package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.collector.ConnectionSnapshot;
import dev.plateau.events.EventKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slow and abandoned clients: trickled headers (header timeout), idle keep-alive (idle_timeout), bodies started
 * and abandoned (closed or reset), and a crowd of connections opened at once and dropped. The connection
 * registry must come back to zero with no buffer capacity left; {@link Aftermath} runs after every case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientTest {
    /** 2 000 connections, as the issue asks; each side of each needs a descriptor (ulimit -n here: 20 000). */
    static final int CROWD = 2_000;

    @TempDir
    static Path dir;
    AttackedCollector collector;

    @BeforeAll
    void start() {
        collector = AttackedCollector.start(dir);
    }

    @AfterEach
    void aftermath() throws Exception {
        collector.collector().policies().setIdleTimeout(Duration.ZERO);
        Aftermath.check(collector);
    }

    @AfterAll
    void stop() {
        collector.close();
    }

    @Test
    void headersTrickledSlowerThanTheHeaderTimeoutAreCut() throws IOException {
        byte[] head = Requests.json("/slow", "{\"a\":1}");
        long started = System.nanoTime();
        int sent = 0;
        boolean open = true;
        try (RawConnection conn = RawConnection.open(collector.address())) {
            while (open && sent < head.length) {
                open = conn.writeQuietly(new byte[] {head[sent]});
                sent++;
                open = open && conn.staysOpenSilently(Duration.ofMillis(100));
            }
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(open).as("closed by the header timeout").isFalse();
            assertThat(sent).as("bytes trickled before the cut").isLessThan(head.length);
            assertThat(elapsedMs).as("not cut before the header timeout")
                    .isGreaterThanOrEqualTo(AttackedCollector.HEADER_TIMEOUT.toMillis());
        }
    }

    @Test
    void idleTimeoutClosesAnIdleKeepAliveConnection() throws IOException {
        collector.collector().policies().setIdleTimeout(Duration.ofMillis(300));
        long seq = collector.events().lastSeq();
        try (RawConnection conn = RawConnection.open(collector.address())) {
            conn.write(Requests.json("/idle", "{\"a\":1}"));
            RawResponse r = conn.readResponse();
            assertThat(r.status()).isEqualTo(201);
            collector.accepted(1);
            assertThat(conn.awaitClosed(Duration.ofSeconds(5))).as("closed after idling").isTrue();
        }
        await("an IDLE_CLOSE event (emitted right after the close)").atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(collector.events().since(seq)).anyMatch(e -> e.kind() == EventKind.IDLE_CLOSE));
    }

    @ParameterizedTest(name = "reset = {0}")
    @ValueSource(booleans = {false, true})
    void bodyStartedAndAbandonedReleasesItsBuffer(boolean reset) throws IOException {
        long chunk = collector.config().bufferChunkSize();
        RawConnection conn = RawConnection.open(collector.address());
        try {
            conn.write(Requests.raw("POST /abandon HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 900000\r\n\r\n{\"s\":\""));
            conn.write(Requests.utf8("x".repeat(500_000)));
            await("the buffer grew with the body").atMost(Duration.ofSeconds(5)).until(() ->
                    collector.collector().connections().snapshot().stream()
                            .mapToLong(ConnectionSnapshot::capacityBytes).max().orElse(0) >= 500_000);
            assertThat(collector.collector().connections().totalCapacityBytes()).isGreaterThan(chunk);
        } finally {
            if (reset) {
                conn.reset();
            } else {
                conn.close();
            }
        }
        await("registry back to zero, capacity gone").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(collector.collector().connections().open()).isZero();
            assertThat(collector.collector().connections().totalCapacityBytes()).isZero();
        });
    }

    @Test
    void crowdOpenedAtOnceAndDroppedLeavesNothingBehind() throws IOException {
        List<RawConnection> crowd = new ArrayList<>(CROWD);
        long acceptedBefore = collector.collector().connections().acceptedTotal();
        try {
            for (int i = 0; i < CROWD; i++) {
                RawConnection c = RawConnection.open(collector.address());
                crowd.add(c);
                switch (i % 3) {
                    case 1 -> c.write("POST /crowd HTTP/1.1\r\nHost: x\r\n");
                    case 2 -> c.write("POST /crowd HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100\r\n\r\n{\"a\":");
                    default -> { }
                }
            }
            await("every connection accepted").atMost(Duration.ofSeconds(20)).until(() ->
                    collector.collector().connections().acceptedTotal() - acceptedBefore >= CROWD);
        } finally {
            for (int i = 0; i < crowd.size(); i++) {
                if (i % 2 == 0) {
                    crowd.get(i).reset();
                } else {
                    crowd.get(i).close();
                }
            }
        }
        await("registry back to zero, capacity gone").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(collector.collector().connections().open()).isZero();
            assertThat(collector.collector().connections().totalCapacityBytes()).isZero();
        });
    }
}
