package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backpressure and a failing output. The destination is made to fail for real — its parent directory is a
 * regular file, so every open fails with "Not a directory" even for root (chmod does not stop root) — and made
 * to work again by replacing that file with a directory.
 */
class BackpressureTest {
    static final String QUEUE_FULL = "error: ingestion queue is full\n";
    /** 20 records of about 200 bytes: a few KB of msgpack per request. */
    static final String BODY = "[" + String.join(",", Collections.nCopies(20,
            "{\"level\":\"warn\",\"msg\":\"" + "m".repeat(160) + "\"}")) + "]";

    @TempDir
    Path dir;

    @Test
    void fullQueueAnswers503AndRecoversAsSoonAsTheOutputCatchesUp() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocked"), "a regular file, not a directory");
        Path outDir = dir.resolve("out");
        Files.createDirectories(outDir);
        try (AttackedCollector c = AttackedCollector.start(outDir, b -> b.memBufLimit(20_000)
                .output("file:" + blocker.resolve("out.log")))) {
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
                assertThat(last.body()).isEqualTo(QUEUE_FULL);
                assertThat(c.collector().queueBytes()).as("queued bytes at the limit").isGreaterThanOrEqualTo(20_000);

                Files.delete(blocker);
                Files.createDirectories(blocker);
                await("2xx again once the output caught up").pollInSameThread().atMost(Duration.ofSeconds(15)).until(() -> {
                    conn.write(Requests.json("/bp", BODY));
                    RawResponse r = conn.readResponse();
                    if (r.is2xx()) {
                        c.accepted(20);
                    }
                    return r.is2xx();
                });
            }
            Aftermath.awaitAccounting(c);
            assertThat(c.collector().counters().recordsDroppedTotal()).as("nothing dropped: kept and retried").isZero();
            assertThat(c.collector().counters().requests(503)).isPositive();
            Aftermath.assertNoLeaks();
        }
    }

    @Test
    void unwritableDestinationCountsDroppedRecordsWithAReasonNeverSilently() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocked"), "a regular file, not a directory");
        Path outDir = dir.resolve("out");
        Files.createDirectories(outDir);
        AttackedCollector c = AttackedCollector.start(outDir, b -> b.output("file:" + blocker.resolve("out.log")));
        long seq = c.events().lastSeq();
        try (RawConnection conn = RawConnection.open(c.address())) {
            for (int i = 0; i < 3; i++) {
                conn.write(Requests.json("/ro", BODY));
                assertThat(conn.readResponse().status()).isEqualTo(201);
                c.accepted(20);
            }
        }
        await("records kept and retried, or dropped with a reason").atMost(Duration.ofSeconds(20)).until(() ->
                c.events().since(seq).stream().anyMatch(e -> e.kind() == EventKind.ERROR));
        c.collector().stop();
        assertThat(c.collector().counters().recordsOutTotal()).isZero();
        assertThat(c.collector().counters().recordsDroppedTotal()).as("dropped, counted")
                .isEqualTo(c.collector().counters().recordsInTotal()).isEqualTo(60);
        Event reason = c.events().since(seq).stream().filter(e -> e.kind() == EventKind.ERROR)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(reason.message()).as("the drop names its reason").containsIgnoringCase("drop");
        assertThat(c.events().since(seq)).as("an event names the cause")
                .anyMatch(e -> e.message().contains("Not a directory") || e.message().contains(blocker.toString()));
        Aftermath.assertExactAccounting(c);
        Aftermath.assertNoLeaks();
    }
}
