package dev.plateau.collector.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.plateau.collector.Compression;
import dev.plateau.collector.Chunk;
import dev.plateau.collector.Collector;
import dev.plateau.collector.ChunkQueue;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.EncoderStats;
import dev.plateau.collector.Flusher;
import dev.plateau.collector.IngestCounters;
import dev.plateau.collector.encode.EventTime;
import dev.plateau.collector.encode.LogEventEncoder;
import dev.plateau.collector.encode.LogEventEncoder.Batch;
import dev.plateau.collector.encode.RecordException;
import dev.plateau.collector.encode.RequestContext;
import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpOutputTest {
    private static final EventTime TIME = new EventTime(1_700_000_000L, 500_000_000);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final LogEventEncoder encoder = new LogEventEncoder(UnpooledByteBufAllocator.DEFAULT, new EncoderStats());
    private final TestEndpoint endpoint = new TestEndpoint();
    private final EventLog events = new EventLog();
    private final IngestCounters counters = new IngestCounters();
    private final ChunkQueue queue = new ChunkQueue(0);

    @AfterEach
    void close() {
        encoder.close();
        endpoint.close();
    }

    private ByteBuf events(String json) throws RecordException {
        ByteBuf body = Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8));
        try {
            encoder.reset();
            Batch b = encoder.encodeJson(body, new RequestContext(TIME, "app", null, "REMOTE_ADDR", null));
            return encoder.copy(b.groups().get(0));
        } finally {
            body.release();
        }
    }

    private Flusher flusher(Output out, int retryLimit) {
        return new Flusher(queue, out, counters, Duration.ofMillis(20), events, retryLimit, Duration.ofMillis(40));
    }

    private Chunk enqueue(String json, int records) throws RecordException {
        Chunk c = new Chunk("app", events(json), records);
        counters.recordsIn(records);
        queue.add(c);
        return c;
    }

    @Test
    void postsJsonLinesWithDoubleDateAndReleasesTheBody() throws Exception {
        ByteBuf ev = events("[{\"a\":\"1\"},{\"b\":2}]");
        try (HttpOutput out = new HttpOutput(endpoint.uri("/logs?x=1"), false, TIMEOUT)) {
            out.write("app", ev, 2);
            assertThat(out.lastBody().refCnt()).as("request body released exactly once").isZero();
            assertThat(ev.refCnt()).as("the chunk stays with the flusher").isOne();
            assertThat(ev.readerIndex()).isZero();
        } finally {
            ev.release();
        }
        assertThat(endpoint.received).hasSize(1);
        TestEndpoint.Received r = endpoint.received.get(0);
        assertThat(r.path()).isEqualTo("/logs?x=1");
        assertThat(r.contentType()).isEqualTo("application/x-ndjson");
        assertThat(r.contentEncoding()).isNull();
        assertThat(r.text()).isEqualTo("{\"date\":1700000000.5,\"a\":\"1\"}\n{\"date\":1700000000.5,\"b\":2}\n");
    }

    @Test
    void reusesOneKeepAliveConnection() throws Exception {
        try (HttpOutput out = new HttpOutput(endpoint.uri("/"), false, TIMEOUT)) {
            for (int i = 0; i < 3; i++) {
                ByteBuf ev = events("{\"i\":" + i + "}");
                try {
                    out.write("app", ev, 1);
                } finally {
                    ev.release();
                }
            }
        }
        assertThat(endpoint.received).hasSize(3);
        assertThat(endpoint.received).extracting(TestEndpoint.Received::remotePort).containsOnly(
                endpoint.received.get(0).remotePort());
    }

    @Test
    void gzipBodyDecodesToTheSameLines() throws Exception {
        ByteBuf ev = events("{\"msg\":\"" + "x".repeat(5000) + "\"}");
        try (HttpOutput out = new HttpOutput(endpoint.uri("/"), true, TIMEOUT)) {
            out.write("app", ev, 1);
            assertThat(out.lastBody().refCnt()).isZero();
        } finally {
            ev.release();
        }
        TestEndpoint.Received r = endpoint.received.get(0);
        assertThat(r.contentEncoding()).isEqualTo("gzip");
        assertThat(r.body().length).as("compressed").isLessThan(500);
        assertThat(r.text()).isEqualTo("{\"date\":1700000000.5,\"msg\":\"" + "x".repeat(5000) + "\"}\n");
    }

    @Test
    void non2xxAnswerThrowsAndReleasesTheBody() throws Exception {
        endpoint.failFirst(1, 503);
        ByteBuf ev = events("{\"a\":1}");
        try (HttpOutput out = new HttpOutput(endpoint.uri("/"), false, TIMEOUT)) {
            assertThatThrownBy(() -> out.write("app", ev, 1)).isInstanceOf(IOException.class).hasMessageContaining("HTTP 503");
            assertThat(out.lastBody().refCnt()).isZero();
            ByteBuf first = out.lastBody();
            out.write("app", ev, 1);
            assertThat(out.lastBody()).as("a retry builds a new body").isNotSameAs(first);
            assertThat(out.lastBody().refCnt()).isZero();
        } finally {
            ev.release();
        }
        assertThat(endpoint.received).hasSize(1);
    }

    @Test
    void serverDownIsAnIOExceptionAndNothingLeaks() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ByteBuf ev = events("{\"a\":1}");
        try (HttpOutput out = new HttpOutput(URI.create("http://127.0.0.1:" + port + "/"), false, TIMEOUT)) {
            assertThatThrownBy(() -> out.write("app", ev, 1)).isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot connect to 127.0.0.1:" + port);
            assertThat(out.lastBody()).as("no body is built without a connection").isNull();
        } finally {
            ev.release();
        }
    }

    @Test
    void flusherRetriesThenSucceedsAndReleasesTheChunkOnce() throws Exception {
        endpoint.failFirst(2, 500);
        HttpOutput out = new HttpOutput(endpoint.uri("/"), false, TIMEOUT);
        Flusher f = flusher(out, 3);
        Chunk c = enqueue("[{\"a\":1},{\"a\":2}]", 2);
        f.start();
        f.stopAndDrain(Duration.ofSeconds(10));
        out.close();
        assertThat(endpoint.attempts.get()).isEqualTo(3);
        assertThat(endpoint.received).hasSize(1);
        assertThat(endpoint.received.get(0).text()).hasLineCount(2);
        assertThat(counters.recordsOutTotal()).isEqualTo(2);
        assertThat(counters.recordsDroppedTotal()).isZero();
        assertThat(c.data().refCnt()).isZero();
        assertThat(out.lastBody().refCnt()).isZero();
    }

    @Test
    void exhaustedRetriesDropTheRecordsWithTheReason() throws Exception {
        endpoint.failFirst(Integer.MAX_VALUE, 500);
        HttpOutput out = new HttpOutput(endpoint.uri("/"), false, TIMEOUT);
        Flusher f = flusher(out, 1);
        Chunk c = enqueue("[{\"a\":1},{\"a\":2},{\"a\":3}]", 3);
        f.start();
        f.stopAndDrain(Duration.ofSeconds(10));
        out.close();
        assertThat(endpoint.attempts.get()).as("first attempt + Retry_Limit 1").isEqualTo(2);
        assertThat(counters.recordsDroppedTotal()).isEqualTo(3);
        assertThat(counters.recordsOutTotal()).isZero();
        assertThat(c.data().refCnt()).isZero();
        assertThat(out.lastBody().refCnt()).isZero();
        List<Event> errors = events.all().stream().filter(e -> e.kind() == EventKind.ERROR).toList();
        assertThat(errors).anySatisfy(e -> assertThat(e.message())
                .contains("dropped 3 records of tag app after 2 failed attempts").contains("HTTP 500"));
    }

    @Test
    void outputsCreateBuildsTheHttpOutputWithGzip() throws Exception {
        CollectorConfig cfg = CollectorConfig.builder().output(endpoint.uri("/in").toString()).outputCompress(Compression.GZIP).build();
        ByteBuf ev = events("{\"a\":1}");
        try (Output out = Outputs.create(cfg)) {
            assertThat(out).isInstanceOf(HttpOutput.class);
            out.write("app", ev, 1);
        } finally {
            ev.release();
        }
        assertThat(endpoint.received.get(0).contentEncoding()).isEqualTo("gzip");
        assertThat(endpoint.received.get(0).path()).isEqualTo("/in");
    }

    @Test
    void collectorTakesRetryLimitFromTheConfig() throws Exception {
        endpoint.failFirst(Integer.MAX_VALUE, 500);
        CollectorConfig cfg = CollectorConfig.builder().port(0).monitorPort(0).flush(Duration.ofMillis(20))
                .output(endpoint.uri("/in").toString()).retryLimit(0).build();
        try (Collector c = new Collector(cfg, events)) {
            c.start();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + c.address().getPort() + "/app")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[{\"a\":1},{\"a\":2}]")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> c.counters().recordsDroppedTotal() == 2);
            assertThat(endpoint.attempts.get()).as("Retry_Limit 0: one attempt, no retry").isEqualTo(1);
        }
        assertThat(events.all()).anySatisfy(e -> assertThat(e.message()).contains("dropped 2 records of tag app after 1 failed attempts"));
    }
}
