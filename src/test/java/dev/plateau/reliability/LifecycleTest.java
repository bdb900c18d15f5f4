package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.IngestCounters;
import dev.plateau.events.EventLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lifecycle under load: stop in the middle of a burst, policies flipped 1 000 times while traffic flows, and
 * 100 start/stop cycles in one JVM leaving no thread, port or direct memory behind.
 */
class LifecycleTest {
    static final int RECORDS_PER_REQUEST = 5;
    static final String BODY = "[" + String.join(",", java.util.Collections.nCopies(RECORDS_PER_REQUEST,
            "{\"level\":\"info\",\"msg\":\"lifecycle\"}")) + "]";

    @TempDir
    Path dir;

    /** Keep-alive clients that post until told to stop or until their connection fails. */
    static final class Load {
        final AtomicLong answered2xx = new AtomicLong();
        final AtomicLong non2xx = new AtomicLong();
        final AtomicLong lostAnswers = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicReference<Throwable> unexpected = new AtomicReference<>();
        final List<Thread> threads = new ArrayList<>();

        Load(InetSocketAddress target, int connections, AttackedCollector ledger) {
            for (int i = 0; i < connections; i++) {
                Thread t = new Thread(() -> run(target, ledger), "load-" + i);
                t.setDaemon(true);
                threads.add(t);
            }
        }

        Load start() {
            threads.forEach(Thread::start);
            return this;
        }

        private void run(InetSocketAddress target, AttackedCollector ledger) {
            byte[] request = Requests.json("/load", BODY);
            try (RawConnection conn = RawConnection.open(target)) {
                while (running.get()) {
                    if (!conn.writeQuietly(request)) {
                        lostAnswers.incrementAndGet();
                        return;
                    }
                    RawResponse r;
                    try {
                        r = conn.readResponse();
                    } catch (IOException e) {
                        r = null;
                    }
                    if (r == null) {
                        lostAnswers.incrementAndGet();
                        return;
                    }
                    if (r.is2xx()) {
                        ledger.accepted(RECORDS_PER_REQUEST);
                        answered2xx.incrementAndGet();
                    } else {
                        non2xx.incrementAndGet();
                    }
                    if (r.announcesClose()) {
                        return;
                    }
                }
            } catch (IOException refused) {
                lostAnswers.incrementAndGet();
            } catch (Throwable t) {
                unexpected.set(t);
            }
        }

        void stopAndJoin() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(15_000);
                assertThat(t.isAlive()).as("%s ended: every in-flight request got an answer or a close", t.getName())
                        .isFalse();
            }
            assertThat(unexpected.get()).as("unexpected client failure").isNull();
        }
    }

    @Test
    void stopDuringABurstAnswersOrClosesEveryRequestAndDeliversEvery2xxRecord() throws Exception {
        AttackedCollector c = AttackedCollector.start(dir);
        Load load = new Load(c.address(), 8, c).start();
        await("burst under way").atMost(Duration.ofSeconds(20)).until(() -> load.answered2xx.get() >= 300);
        c.collector().stop();
        load.stopAndJoin();

        IngestCounters k = c.collector().counters();
        assertThat(k.recordsDroppedTotal()).as("dropped").isZero();
        assertThat(k.recordsOutTotal()).as("records_out == records_in after stop").isEqualTo(k.recordsInTotal());
        assertThat(c.outputLineCount()).as("lines in the output").isEqualTo(k.recordsOutTotal());
        assertThat(k.recordsInTotal()).as("records_in covers every 2xx the clients read")
                .isGreaterThanOrEqualTo(c.promised());
        assertThat(k.recordsInTotal() - c.promised()).as("records accepted whose 2xx was lost with the connection")
                .isLessThanOrEqualTo(load.lostAnswers.get() * RECORDS_PER_REQUEST);
        assertThat(load.non2xx.get()).as("non-2xx answers during the stop").isZero();
        assertThat(c.collector().connections().open()).isZero();
        Aftermath.assertNoLeaks();
    }

    @Test
    void policiesToggledAThousandTimesUnderLoadCauseNoErrorAndNoLeak() throws Exception {
        try (AttackedCollector c = AttackedCollector.start(dir)) {
            Load load = new Load(c.address(), 4, c).start();
            await().atMost(Duration.ofSeconds(10)).until(() -> load.answered2xx.get() >= 20);
            for (int i = 0; i < 1_000; i++) {
                c.collector().policies().setShrink(i % 2 == 0);
                c.collector().policies().setReinit(i % 3 == 0);
                c.collector().policies().setIdleTimeout(i % 5 == 0 ? Duration.ZERO : Duration.ofSeconds(30));
            }
            long after = load.answered2xx.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> load.answered2xx.get() >= after + 20);
            load.stopAndJoin();
            assertThat(load.non2xx.get()).as("non-2xx under toggling").isZero();
            assertThat(load.lostAnswers.get()).as("connections lost under toggling").isZero();
            c.collector().policies().setShrink(true);
            c.collector().policies().setReinit(true);
            c.collector().policies().setIdleTimeout(Duration.ZERO);
            Aftermath.check(c);
        }
    }

    @Test
    void startStopAHundredTimesLeavesNoThreadPortOrDirectMemoryBehind() throws Exception {
        Set<String> threadsBefore = liveThreadNames();
        long directBefore = settledDirectBytes();
        CollectorConfig first = AttackedCollector.config(dir, b -> b);
        int port = -1;
        for (int i = 0; i < 100; i++) {
            Path out = dir.resolve("cycle-" + i + ".log");
            CollectorConfig cfg = first.toBuilder().port(port < 0 ? 0 : port).output("file:" + out).build();
            Collector c = new Collector(cfg, new EventLog(1_000));
            c.start();
            port = c.address().getPort();
            try (RawConnection conn = RawConnection.open(c.address())) {
                conn.write(Requests.json("/cycle", "{\"i\":" + i + "}"));
                assertThat(conn.readResponse().status()).as("cycle %d", i).isEqualTo(201);
            }
            c.stop();
            assertThat(c.counters().recordsOutTotal()).as("cycle %d delivered", i).isEqualTo(1);
            assertThat(Files.readAllLines(out)).as("cycle %d output", i).hasSize(1);
        }
        await("threads of the collectors gone").pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<String> extra = liveThreadNames();
            extra.removeAll(threadsBefore);
            assertThat(extra).as("threads left behind").isEmpty();
        });
        await("direct memory back").pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(settledDirectBytes() - directBefore).as("direct memory growth after 100 cycles")
                        .isLessThan(1_000_000));
        Aftermath.assertNoLeaks();
    }

    static Set<String> liveThreadNames() {
        Set<String> names = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                names.add(t.getName());
            }
        }
        return names;
    }

    static long settledDirectBytes() {
        System.gc();
        return PeakProbe.directBytes();
    }
}
