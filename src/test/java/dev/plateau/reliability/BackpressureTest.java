package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backpressure and a failing output, for real: the output file is a symbolic link to {@code /dev/full}, so every
 * write fails with "No space left on device" — a full destination, which also fails for root (chmod 0500 would not:
 * the tests run as root). Replacing the link by a regular file makes the destination work again; the file output
 * reopens its file after a failed write.
 */
class BackpressureTest {
    static final String QUEUE_FULL = "error: ingestion queue is full (mem_buf_limit ";
    static final Path DEV_FULL = Path.of("/dev/full");
    /** 20 records of about 200 bytes: a few KB of msgpack per request. */
    static final String BODY = "[" + String.join(",", Collections.nCopies(20,
            "{\"level\":\"warn\",\"msg\":\"" + "m".repeat(160) + "\"}")) + "]";

    @TempDir
    Path dir;

    @Test
    void fullQueueAnswers503AndRecoversAsSoonAsTheOutputCatchesUp() throws Exception {
        Path out = Files.createSymbolicLink(dir.resolve("out.log"), DEV_FULL);
        try (AttackedCollector c = AttackedCollector.start(dir, b -> b.memBufLimit(20_000).flush(Duration.ofMillis(500)))) {
            assertThat(c.outputFile()).isEqualTo(out);
            RawResponse last = null;
            try (RawConnection conn = RawConnection.open(c.address())) {
                for (int i = 0; i < 200 && (last == null || last.status() != 503); i++) {
                    conn.write(Requests.json("/bp", BODY));
                    last = conn.readResponse();
                    assertThat(last.status()).as("%s", last).isIn(201, 503);
                    if (last.is2xx()) {
                        c.accepted(20);
                    }
                }
                assertThat(last.status()).as("queue reached its limit").isEqualTo(503);
                assertThat(last.body()).startsWith(QUEUE_FULL);
                assertThat(last.announcesClose()).as("503 keeps the connection").isFalse();
                assertThat(c.collector().queueBytes()).as("queued bytes at the limit").isGreaterThanOrEqualTo(20_000);

                Files.delete(out);
                await("2xx again once the output caught up").pollInSameThread().pollInterval(Duration.ofMillis(50))
                        .atMost(Duration.ofSeconds(15)).until(() -> {
                            conn.write(Requests.json("/bp", BODY));
                            RawResponse r = conn.readResponse();
                            assertThat(r.status()).isIn(201, 503);
                            if (r.is2xx()) {
                                c.accepted(20);
                            }
                            return r.is2xx();
                        });
            }
            Aftermath.awaitAccounting(c);
            assertThat(c.collector().counters().recordsDroppedTotal()).as("nothing dropped: kept and retried").isZero();
            assertThat(c.collector().counters().requests(503)).isPositive();
            assertThat(c.events().all()).as("the failure and the recovery are events")
                    .anyMatch(e -> e.kind() == EventKind.WARNING && e.message().contains("No space left on device"))
                    .anyMatch(e -> e.message().contains("recovered"));
            Aftermath.check(c);
        }
    }

    @Test
    void fullDestinationCountsDroppedRecordsWithAReasonNeverSilently() throws Exception {
        Path out = Files.createSymbolicLink(dir.resolve("out.log"), DEV_FULL);
        AttackedCollector c = AttackedCollector.start(dir);
        try (RawConnection conn = RawConnection.open(c.address())) {
            for (int i = 0; i < 3; i++) {
                conn.write(Requests.json("/ro", BODY));
                assertThat(conn.readResponse().status()).isEqualTo(201);
                c.accepted(20);
            }
        }
        await("kept, retried, then dropped").atMost(Duration.ofSeconds(20)).until(() ->
                c.collector().counters().recordsDroppedTotal() == 60);
        Files.delete(out);
        c.close();
        assertThat(c.collector().counters().recordsOutTotal()).isZero();
        List<Event> drops = c.events().all().stream().filter(e -> e.kind() == EventKind.ERROR).toList();
        // one ERROR event per dropped chunk; requests of one tag within a flush share a chunk (as chunkio's do)
        assertThat(drops).as("one ERROR event per dropped chunk").hasSizeBetween(1, 3);
        assertThat(drops).allSatisfy(e -> assertThat(e.message())
                .containsPattern("dropped \\d+ records of tag ro").contains("No space left on device"));
        assertThat(drops.stream().mapToInt(e -> Integer.parseInt(e.message().replaceAll(".*dropped (\\d+) records.*", "$1")))
                .sum()).isEqualTo(60);
        Aftermath.assertNoLeaks();
        Aftermath.assertEventsAreSingleLines(c);
    }
}
