package dev.plateau.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.events.EventLog;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bursts against the real embedded collector: what the runner counts is what the collector ingested. */
class BurstAgainstCollectorTest {
    private final EventLog events = new EventLog();
    private final BurstRunner runner = new BurstRunner(events);
    private Collector collector;

    private URI start(UnaryOperator<CollectorConfig.Builder> config) {
        collector = new Collector(config.apply(CollectorConfig.builder().port(0).monitorPort(0)).build(), events);
        collector.start();
        return URI.create("http://127.0.0.1:" + collector.address().getPort() + "/app");
    }

    @AfterEach
    void stop() {
        runner.close();
        if (collector != null) {
            collector.stop();
        }
    }

    private static BurstSpec spec(URI target, int requests, int connections, int lines, Path file, boolean gzip,
                                  int reconnectEvery, boolean abandon) {
        return new BurstSpec(target, requests, 0, 0, connections, reconnectEvery, abandon, false, lines, file, gzip,
                "burst.test", Duration.ofSeconds(20));
    }

    private static BurstReport finish(BurstHandle h) throws Exception {
        return h.result().get(60, TimeUnit.SECONDS);
    }

    @Test
    void recordsInEqualsLinesTimesAnsweredRequests() throws Exception {
        URI target = start(c -> c);
        BurstReport r = finish(runner.start(spec(target, 60, 4, 25, null, false, 0, false)));

        assertThat(r.answered()).isEqualTo(60);
        assertThat(r.statusCounts()).isEqualTo(Map.of(201, 60L));
        await().atMost(Duration.ofSeconds(10)).until(() -> collector.counters().recordsInTotal() == 60L * 25);
        assertThat(collector.counters().requests(201)).isEqualTo(60);
    }

    @Test
    void gzipBodiesAreInflatedAndCounted() throws Exception {
        URI target = start(c -> c);
        BurstReport r = finish(runner.start(spec(target, 12, 2, 40, null, true, 0, false)));

        assertThat(r.statusCounts()).isEqualTo(Map.of(201, 12L));
        await().atMost(Duration.ofSeconds(10)).until(() -> collector.counters().recordsInTotal() == 12L * 40);
    }

    @Test
    void formPayloadFileIsOneRecordPerRequest() throws Exception {
        URI target = start(c -> c);
        BurstReport r = finish(runner.start(spec(target, 9, 3, 1, Path.of("samples/payloads/form.txt"), false, 0,
                false)));

        assertThat(r.statusCounts()).isEqualTo(Map.of(201, 9L));
        await().atMost(Duration.ofSeconds(10)).until(() -> collector.counters().recordsInTotal() == 9);
    }

    @Test
    void abandonedConnectionsStayOpenOnTheCollector() throws Exception {
        URI target = start(c -> c);
        BurstHandle h = runner.start(spec(target, 20, 1, 2, null, false, 5, true));
        BurstReport r = finish(h);

        assertThat(r.answered()).isEqualTo(20);
        assertThat(collector.connections().acceptedTotal()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(5)).until(() -> collector.connections().open() == 3);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> collector.connections().open() == 3);

        h.closeHeld();
        await().atMost(Duration.ofSeconds(5)).until(() -> collector.connections().open() == 0);
    }

    @Test
    void oversizedBodiesAreRejectedAndNothingIsIngested() throws Exception {
        URI target = start(c -> c.bufferChunkSize(100_000).bufferMaxSize(200_000));
        BurstReport r = finish(runner.start(spec(target, 3, 1, 400, null, false, 0, false)));

        assertThat(r.answered() + r.failed()).isEqualTo(3);
        assertThat(r.non2xx() + r.failed()).isEqualTo(3);
        assertThat(r.statusCounts().keySet()).allMatch(status -> status == 413);
        assertThat(collector.counters().recordsInTotal()).isZero();
    }
}
