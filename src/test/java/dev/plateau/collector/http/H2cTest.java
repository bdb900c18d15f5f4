package dev.plateau.collector.http;

import dev.plateau.collector.Profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.collector.ConnectionSnapshot;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP/2 cleartext on the ingest port: Upgrade: h2c (JDK client), prior knowledge (Netty client), per-stream limits. */
class H2cTest {
    private static final long CHUNK = 10_000;
    private static final long MAX = 100_000;
    private CollectorFixture fx;
    private final HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    @BeforeEach
    void start() {
        fx = new CollectorFixture(b -> b.profile(Profile.FLUENT_BIT_4).bufferChunkSize(CHUNK).bufferMaxSize(MAX));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private HttpRequest post(String path, byte[] body) {
        return HttpRequest.newBuilder(fx.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bigArray(int bytes) {
        byte[] b = new byte[bytes];
        Arrays.fill(b, (byte) ' ');
        b[0] = '[';
        b[bytes - 1] = ']';
        return b;
    }

    @Test
    void upgradeThenManyConcurrentStreamsOnOneConnection() throws Exception {
        HttpResponse<String> first = h2.send(post("/first", utf8("{\"a\":1}")), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            all.add(h2.sendAsync(post("/s" + i, utf8("[{\"i\":" + i + "},{\"j\":2}]")), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r = f.get(10, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        }
        assertThat(fx.collector.counters().recordsInTotal()).isEqualTo(1 + 60 * 2);
        assertThat(fx.collector.connections().acceptedTotal()).as("one connection carried every stream").isEqualTo(1);
        ConnectionSnapshot conn = fx.collector.connections().snapshot().get(0);
        assertThat(conn.protocol()).isEqualTo("h2c");
        assertThat(conn.requests()).isEqualTo(61);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(fx.collector.connections().snapshot().get(0).capacityBytes())
                        .as("finished streams released their buffers").isZero());
    }

    @Test
    void onlyTheFirstRequestOfAConnectionMayUpgrade() throws Exception {
        String upgrade = "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n";
        try (RawHttp raw = fx.raw()) {
            assertThat(raw.exchange(RawHttp.post("/one", "application/json", "{\"a\":1}", "")).status()).isEqualTo(201);
            RawHttp.Response second = raw.exchange(RawHttp.post("/two", "application/json", "{\"b\":2}", upgrade));
            assertThat(second.statusLine()).isEqualTo("HTTP/1.1 201 Created");
            assertThat(raw.exchange(RawHttp.post("/three", "application/json", "{\"c\":3}", "")).status()).isEqualTo(201);
        }
        try (RawHttp raw = fx.raw()) {
            RawHttp.Response first = raw.exchange(RawHttp.post("/up", "application/json", "{\"d\":4}", upgrade));
            assertThat(first.statusLine()).isEqualTo("HTTP/1.1 101 Switching Protocols");
        }
        // the upgrade request becomes stream 1, ingested after the 101
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(fx.collector.counters().recordsInTotal()).isEqualTo(4));
    }

    @Test
    void streamPastBufferMaxSizeGets413AndTheOtherStreamsGoOn() throws Exception {
        h2.send(post("/warm", utf8("{\"a\":1}")), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> big = h2.sendAsync(post("/big", bigArray((int) MAX + 50_000)),
                HttpResponse.BodyHandlers.ofString());
        List<CompletableFuture<HttpResponse<String>>> small = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            small.add(h2.sendAsync(post("/small", utf8("{\"i\":" + i + "}")), HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(big.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(413);
        for (CompletableFuture<HttpResponse<String>> f : small) {
            assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> after = h2.send(post("/after", utf8("{\"a\":2}")), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(201);
        assertThat(fx.collector.connections().acceptedTotal()).as("the connection survived the 413").isEqualTo(1);
        assertThat(fx.collector.counters().recordsInTotal()).isEqualTo(22);
    }

    @Test
    void priorKnowledgeStreamsAreIngestedAndTheirBuffersCountUnderTheConnection() throws Exception {
        try (H2Client client = new H2Client(fx.address())) {
            H2Client.Stream a = client.open().head("/a", "application/json", false).data(utf8("[{\"x\":"), false);
            H2Client.Stream b = client.open().head("/b", "application/json", false).data(utf8("{\"y\":"), false);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                List<ConnectionSnapshot> conns = fx.collector.connections().snapshot();
                assertThat(conns).hasSize(1);
                assertThat(conns.get(0).protocol()).isEqualTo("h2c");
                assertThat(conns.get(0).capacityBytes()).as("two open streams, one chunk each").isEqualTo(2 * CHUNK);
            });
            a.data(utf8("1}]"), true);
            b.data(utf8("2}"), true);
            assertThat(a.await()).isEqualTo(201);
            assertThat(b.await()).isEqualTo(201);
            assertThat(fx.collector.counters().recordsInTotal()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(fx.collector.connections().snapshot().get(0).capacityBytes()).isZero());
        }
    }

    @Test
    void priorKnowledgeStreamErrorsUseFluentBitAnswers() throws Exception {
        try (H2Client client = new H2Client(fx.address())) {
            assertThat(client.open().head("/", null, false).data(utf8("{}"), true).await()).isEqualTo(400);
            assertThat(client.open().head("/", "application/json", false).data(utf8("{\"a\""), true).await()).isEqualTo(400);
            H2Client.Stream tooBig = client.open().head("/", "application/json", false);
            for (int i = 0; i < 12; i++) {
                tooBig.data(bigArray(10_000), i == 11);
            }
            assertThat(tooBig.await()).isEqualTo(413);
            assertThat(client.open().head("/", "application/json", false).data(utf8("{\"ok\":1}"), true).await())
                    .isEqualTo(201);
            assertThat(client.isActive()).isTrue();
        }
        assertThat(fx.collector.counters().recordsInTotal()).isEqualTo(1);
    }

    private static byte[] answerToPreface(java.net.InetSocketAddress address) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});   // empty SETTINGS frame
            socket.getOutputStream().flush();
            return socket.getInputStream().readNBytes(12);
        }
    }

    @Test
    void prefaceIsAnsweredWithServerSettings() throws Exception {
        byte[] answer = answerToPreface(fx.address());
        assertThat(answer[3]).as("frame type SETTINGS").isEqualTo((byte) 4);
    }

    @Test
    void http2OffTreatsThePrefaceAsABadHttp1Request() throws Exception {
        try (CollectorFixture off = new CollectorFixture(b -> b.http2(false))) {
            byte[] answer = answerToPreface(off.address());
            assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 400");
        }
    }

    @Test
    void idleTimeoutClosesAnIdleH2cConnectionButNotOneWithAnOpenStream() throws Exception {
        fx.collector.policies().setIdleTimeout(Duration.ofMillis(300));
        try (H2Client idle = new H2Client(fx.address()); H2Client busy = new H2Client(fx.address())) {
            assertThat(idle.open().head("/", "application/json", false).data(utf8("{\"a\":1}"), true).await()).isEqualTo(201);
            H2Client.Stream open = busy.open().head("/", "application/json", false).data(utf8("{\"b\":"), false);
            await().atMost(Duration.ofSeconds(5)).until(() -> !idle.isActive());
            assertThat(busy.isActive()).as("a stream is still open on it").isTrue();
            assertThat(open.data(utf8("2}"), true).await()).isEqualTo(201);
        }
    }
}
