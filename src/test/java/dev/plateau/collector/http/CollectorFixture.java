package dev.plateau.collector.http;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.events.EventLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.UnaryOperator;

/** A real collector on an ephemeral loopback port, and clients for it. Close it in {@code @AfterEach}. */
final class CollectorFixture implements AutoCloseable {
    final Collector collector;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    CollectorFixture(UnaryOperator<CollectorConfig.Builder> config) {
        collector = new Collector(config.apply(CollectorConfig.builder().port(0)).build(), new EventLog());
        collector.start();
    }

    InetSocketAddress address() {
        return collector.address();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + address().getPort() + path);
    }

    RawHttp raw() throws IOException {
        return new RawHttp(address());
    }

    HttpResponse<String> post(String path, String contentType, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        collector.stop();
    }
}
