package dev.plateau.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BurstRunnerTest {
    private final EventLog events = new EventLog();
    private BaselineServer server;
    private BurstRunner runner;
    private URI target;

    @BeforeEach
    void start() {
        server = new BaselineServer(1);
        InetSocketAddress at = server.start("127.0.0.1", 0);
        target = URI.create("http://127.0.0.1:" + at.getPort() + "/app");
        runner = new BurstRunner(events);
    }

    @AfterEach
    void stop() {
        runner.close();
        server.stop();
    }

    private static BurstSpec spec(URI target, int requests, int connections, int reconnectEvery, boolean abandon,
                                  boolean hold) {
        return new BurstSpec(target, requests, 0, 0, connections, reconnectEvery, abandon, hold, 2, null, false, null,
                Duration.ofSeconds(10));
    }

    private static BurstReport finish(BurstHandle h) throws Exception {
        return h.result().get(30, TimeUnit.SECONDS);
    }

    @Test
    void answersEveryRequestOnKeepAliveConnections() throws Exception {
        BurstHandle h = runner.start(spec(target, 200, 4, 0, false, false));
        BurstReport r = finish(h);

        assertThat(r.requests()).isEqualTo(200);
        assertThat(r.answered()).isEqualTo(200);
        assertThat(r.failed()).isZero();
        assertThat(r.statusCounts()).isEqualTo(Map.of(201, 200L));
        assertThat(r.errors()).isEmpty();
        assertThat(r.cancelled()).isFalse();
        assertThat(r.allSucceeded()).isTrue();
        assertThat(server.requests()).isEqualTo(200);
        assertThat(server.acceptedConnections()).isEqualTo(4);
        assertThat(server.bodyBytes()).isEqualTo(200L * PayloadGenerator.jsonArray(2, PayloadGenerator.DEFAULT_SEED).length);
        BurstProgress p = h.progress();
        assertThat(p.done()).isTrue();
        assertThat(p.sent()).isEqualTo(200);
        assertThat(p.fraction()).isEqualTo(1.0);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0 && h.openConnections() == 0);
    }

    @Test
    void reportPercentilesAreMonotoneAndRatesPositive() throws Exception {
        BurstReport r = finish(runner.start(spec(target, 300, 3, 0, false, false)));
        assertThat(r.p50Ms()).isPositive();
        assertThat(r.p50Ms()).isLessThanOrEqualTo(r.p90Ms());
        assertThat(r.p90Ms()).isLessThanOrEqualTo(r.p99Ms());
        assertThat(r.p99Ms()).isLessThanOrEqualTo(r.maxMs());
        assertThat(r.requestsPerSec()).isPositive();
        assertThat(r.mbPerSec()).isPositive();
        assertThat(r.format()).contains("Requests      300", "201: 300", "Errors        none");
    }

    @Test
    void emitsBurstStartAndEndEvents() throws Exception {
        finish(runner.start(spec(target, 10, 2, 0, false, false)));
        assertThat(events.all()).filteredOn(e -> e.kind() == EventKind.BURST_START).extracting(Event::message)
                .singleElement().asString().startsWith("burst 10 requests x 2 connections → http://127.0.0.1:");
        await().atMost(Duration.ofSeconds(5)).until(() -> events.all().stream().anyMatch(e -> e.kind() == EventKind.BURST_END));
        assertThat(events.all()).filteredOn(e -> e.kind() == EventKind.BURST_END).extracting(Event::message)
                .singleElement().asString().startsWith("burst done: 10 requests").contains("req/s", "p99");
    }

    @Test
    void reconnectEveryClosesTheOldConnection() throws Exception {
        BurstReport r = finish(runner.start(spec(target, 20, 1, 5, false, false)));
        assertThat(r.answered()).isEqualTo(20);
        assertThat(server.acceptedConnections()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
    }

    @Test
    void abandonedConnectionsStayOpenUntilCloseHeld() throws Exception {
        BurstHandle h = runner.start(spec(target, 20, 1, 5, true, false));
        BurstReport r = finish(h);
        assertThat(r.answered()).isEqualTo(20);
        assertThat(server.acceptedConnections()).isEqualTo(4);
        // 3 connections abandoned open; the last one closes with the burst
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 3);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> server.openConnections() == 3 && h.openConnections() == 3);
        assertThat(events.all()).filteredOn(e -> e.kind() == EventKind.BURST_END).extracting(Event::message)
                .singleElement().asString().contains("3 connections left open");

        h.closeHeld();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0 && h.openConnections() == 0);
    }

    @Test
    void everySlotAbandonsAllButItsLastConnection() throws Exception {
        BurstHandle h = runner.start(spec(target, 60, 3, 4, true, false));
        finish(h);
        long accepted = server.acceptedConnections();
        assertThat(accepted).isGreaterThanOrEqualTo(15);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == accepted - 3);
        assertThat(h.openConnections()).isEqualTo((int) accepted - 3);
    }

    @Test
    void holdKeepsConnectionsUntilCloseHeld() throws Exception {
        BurstHandle h = runner.start(spec(target, 20, 4, 0, false, true));
        finish(h);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> server.openConnections() == 4);
        assertThat(h.progress().openConnections()).isEqualTo(4);
        h.closeHeld();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
    }

    /**
     * With as many requests as connections every connection must open and carry one request, however the event
     * loops are scheduled: a slot that finished its first request must not take a request meant for a slot that
     * has not started yet (CI once saw "2 connections left open" of 3).
     */
    @Test
    void everyConnectionOpensWhenRequestsEqualConnections() throws Exception {
        for (int round = 0; round < 5; round++) {
            BurstHandle h = runner.start(spec(target, 300, 300, 0, false, true));
            BurstReport r = finish(h);
            assertThat(r.answered()).isEqualTo(300);
            assertThat(h.openConnections()).as("round %d", round).isEqualTo(300);
            h.closeHeld();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
        }
    }

    @Test
    void runnerCloseClosesHeldAndAbandonedConnections() throws Exception {
        finish(runner.start(spec(target, 20, 1, 5, true, true)));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 4);
        runner.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
    }

    @Test
    void refusedTargetFailsEveryRequestFast() throws Exception {
        URI refused = URI.create("http://127.0.0.1:" + SilentServer.closedPort() + "/");
        BurstHandle h = runner.start(spec(refused, 50, 4, 0, false, false));
        BurstReport r = h.result().get(10, TimeUnit.SECONDS);
        assertThat(r.failed()).isEqualTo(50);
        assertThat(r.answered()).isZero();
        assertThat(r.errors()).isEqualTo(Map.of(ErrorKinds.CONNECT_REFUSED, 50L));
        assertThat(r.format()).contains("connect refused: 50");
        assertThat(h.openConnections()).isZero();
        assertThat(events.all()).filteredOn(e -> e.kind() == EventKind.BURST_END).extracting(Event::message)
                .singleElement().asString().isEqualTo("burst failed: all 50 requests failed (connect refused)");
    }

    @Test
    void unansweredRequestsTimeOut() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            BurstSpec s = new BurstSpec(URI.create("http://127.0.0.1:" + silent.port() + "/"), 4, 0, 0, 2, 0, false,
                    false, 1, null, false, null, Duration.ofMillis(200));
            BurstReport r = finish(runner.start(s));
            assertThat(r.failed()).isEqualTo(4);
            assertThat(r.errors()).isEqualTo(Map.of(ErrorKinds.TIMEOUT, 4L));
        }
    }

    @Test
    void cancelStopsPromptlyAndCountsInFlightAsCancelled() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            BurstHandle h = runner.start(spec(URI.create("http://127.0.0.1:" + silent.port() + "/"), 1000, 3, 0,
                    false, false));
            await().atMost(Duration.ofSeconds(5)).until(() -> h.progress().sent() == 3);
            h.cancel();
            // prompt = before the 10 s request timeout could end the burst: get(5 s) and CANCELLED (not TIMEOUT)
            // errors show it without a wall-clock bound that a busy machine could miss
            BurstReport r = h.result().get(5, TimeUnit.SECONDS);
            assertThat(r.cancelled()).isTrue();
            assertThat(r.errors()).isEqualTo(Map.of(ErrorKinds.CANCELLED, 3L));
            assertThat(r.requests()).isEqualTo(3);
            assertThat(h.progress().done()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> h.openConnections() == 0);
        }
    }

    @Test
    void cancelBetweenPacedRequestsLeavesNoConnectionOpen() throws Exception {
        BurstSpec slow = new BurstSpec(target, 1000, 0, 20, 2, 0, false, false, 2, null, false, null,
                Duration.ofSeconds(10));
        BurstHandle h = runner.start(slow);
        await().atMost(Duration.ofSeconds(5)).until(() -> h.progress().answered() >= 4);
        h.cancel();
        BurstReport r = h.result().get(5, TimeUnit.SECONDS);
        assertThat(r.cancelled()).isTrue();
        assertThat(r.requests()).isLessThan(1000);
        assertThat(r.answered() + r.failed()).isEqualTo(r.requests());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0 && h.openConnections() == 0);
        assertThat(events.all()).filteredOn(e -> e.kind() == EventKind.BURST_END).extracting(Event::message)
                .singleElement().asString().startsWith("burst cancelled:");
    }

    @Test
    void constantRateIsRoughlyHonoured() throws Exception {
        BurstSpec paced = new BurstSpec(target, 50, 0, 100, 4, 0, false, false, 2, null, false, null,
                Duration.ofSeconds(10));
        long t0 = System.nanoTime();
        BurstReport r = finish(runner.start(paced));
        assertThat((System.nanoTime() - t0) / 1e9).isGreaterThanOrEqualTo(0.4);
        assertThat(r.durationS()).isGreaterThanOrEqualTo(0.4);
        assertThat(r.answered()).isEqualTo(50);
    }

    @Test
    void delayPacesEachConnection() throws Exception {
        BurstSpec paced = new BurstSpec(target, 10, 50, 0, 1, 0, false, false, 2, null, false, null,
                Duration.ofSeconds(10));
        BurstReport r = finish(runner.start(paced));
        assertThat(r.durationS()).isGreaterThanOrEqualTo(0.45);
        assertThat(r.answered()).isEqualTo(10);
    }

    @Test
    void sendsTagPathContentTypeAndGzip() throws Exception {
        try (RecordingHttpServer recording = new RecordingHttpServer(201, Map.of())) {
            BurstSpec s = new BurstSpec(URI.create("http://127.0.0.1:" + recording.port() + "/ignored"), 3, 0, 0, 1, 0,
                    false, false, 20, null, true, "app.logs", Duration.ofSeconds(10));
            BurstReport r = finish(runner.start(s));
            assertThat(r.answered()).isEqualTo(3);
            int gzLength = new Payload(PayloadGenerator.jsonArray(20, PayloadGenerator.DEFAULT_SEED), Payload.JSON, null)
                    .gzip().body().length;
            assertThat(recording.seen).hasSize(3).allSatisfy(seen -> {
                assertThat(seen.path()).isEqualTo("/app.logs");
                assertThat(seen.contentType()).isEqualTo("application/json");
                assertThat(seen.contentEncoding()).isEqualTo("gzip");
                assertThat(seen.bodyBytes()).isEqualTo(gzLength);
            });
        }
    }

    @Test
    void countsNon2xxAnswersAndReconnectsWhenTheServerCloses() throws Exception {
        try (RecordingHttpServer recording = new RecordingHttpServer(400, Map.of("Connection", "close"))) {
            BurstSpec s = new BurstSpec(URI.create("http://127.0.0.1:" + recording.port() + "/"), 6, 0, 0, 2, 0,
                    false, false, 1, null, false, null, Duration.ofSeconds(10));
            BurstReport r = finish(runner.start(s));
            assertThat(r.answered()).isEqualTo(6);
            assertThat(r.non2xx()).isEqualTo(6);
            assertThat(r.statusCounts()).isEqualTo(Map.of(400, 6L));
            assertThat(r.allSucceeded()).isFalse();
        }
    }
}
