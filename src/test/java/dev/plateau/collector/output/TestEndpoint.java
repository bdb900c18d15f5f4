package dev.plateau.collector.output;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/** A real HTTP endpoint on 127.0.0.1:0 that answers {@code failStatus} to its first {@code failures} POSTs, then 200. */
final class TestEndpoint implements AutoCloseable {
    /** One received request. */
    record Received(String path, String contentType, String contentEncoding, byte[] body, int remotePort) {
        String text() throws IOException {
            byte[] b = "gzip".equals(contentEncoding)
                    ? new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes() : body;
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    private final HttpServer server;
    private volatile int failures;
    private volatile int failStatus = 500;

    TestEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    TestEndpoint failFirst(int n, int status) {
        failures = n;
        failStatus = status;
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] body;
        try (InputStream in = x.getRequestBody()) {
            body = in.readAllBytes();
        }
        int attempt = attempts.incrementAndGet();
        int status = attempt <= failures ? failStatus : 200;
        if (status == 200) {
            received.add(new Received(x.getRequestURI().toString(), x.getRequestHeaders().getFirst("Content-Type"),
                    x.getRequestHeaders().getFirst("Content-Encoding"), body, x.getRemoteAddress().getPort()));
        }
        x.sendResponseHeaders(status, -1);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
