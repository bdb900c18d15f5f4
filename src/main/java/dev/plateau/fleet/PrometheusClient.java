package dev.plateau.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Talks to {@code /api/v1/query_range} of Prometheus or anything answering its API (Thanos, Mimir,
 * VictoriaMetrics). Queries go as a form POST (long expressions do not hit URL limits); the answer is streamed
 * through {@link MatrixReader}. TLS certificates are verified (Java's default trust store); the credential, if
 * any, goes in the {@code Authorization} header and nowhere else.
 *
 * <p>Every failure is a {@link FleetException} with one line: unreachable (refused, DNS, TLS), too slow, or the
 * HTTP status with Prometheus' own error text.
 *
 * <pre>{@code
 * PrometheusClient prom = new PrometheusClient(URI.create("http://127.0.0.1:9090"), Auth.none(), Duration.ofSeconds(30));
 * prom.queryRange("plateau_connection_buffer_bytes", chunk, Duration.ofSeconds(15), (labels, points) -> ...);
 * }</pre>
 */
public final class PrometheusClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final URI base;
    private final Auth auth;
    private final Duration timeout;
    private final HttpClient http;

    public PrometheusClient(URI base, Auth auth, Duration timeout) {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
            throw new IllegalArgumentException("Prometheus URL must be http(s)://HOST[:PORT][/PATH], was '" + base + "'");
        }
        this.base = base;
        this.auth = auth;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public URI base() {
        return base;
    }

    /** Runs one range query and streams its series into {@code sink}; returns the number of series. */
    int queryRange(String expr, RangePlan.Chunk chunk, Duration step, MatrixReader.Sink sink) throws FleetException {
        String form = "query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)
                + "&start=" + seconds(chunk.start().toEpochMilli())
                + "&end=" + seconds(chunk.end().toEpochMilli())
                + "&step=" + seconds(step.toMillis());
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint("api/v1/query_range"))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        auth.header().ifPresent(h -> request.header("Authorization", h));
        HttpResponse<InputStream> response = send(request.build());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new FleetException("Prometheus answered " + response.statusCode() + ": "
                        + errorText(body.readNBytes(MAX_ERROR_BODY)) + hint(response.statusCode()));
            }
            return MatrixReader.read(body, sink);
        } catch (HttpTimeoutException e) {
            throw tooSlow();
        } catch (IOException e) {
            throw new FleetException("reading the answer of " + base + " failed: " + e.getMessage(), e);
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws FleetException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new FleetException("cannot reach Prometheus at " + base + ": no connection within " + timeout.toSeconds() + "s", e);
        } catch (HttpTimeoutException e) {
            throw tooSlow();
        } catch (ConnectException e) {
            throw new FleetException("cannot reach Prometheus at " + base + ": connection refused", e);
        } catch (SSLException e) {
            throw new FleetException("TLS with " + base + " failed (certificates are verified): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FleetException("cannot reach Prometheus at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("cancelled");
        }
    }

    private FleetException tooSlow() {
        return new FleetException("Prometheus at " + base + " did not answer within " + timeout.toSeconds()
                + "s (raise --timeout, or use a shorter --range or a larger --step)");
    }

    private URI endpoint(String path) {
        String b = base.toString();
        return URI.create(b.endsWith("/") ? b + path : b + "/" + path);
    }

    /** Prometheus' own {@code error} field when the body is its JSON, else the body's first line. */
    static String errorText(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.hasNonNull("error")) {
                String type = node.path("errorType").asText("");
                return (type.isEmpty() ? "" : type + ": ") + node.get("error").asText();
            }
        } catch (IOException e) {
            // not JSON: a proxy's or a server's plain-text page
        }
        String first = text.lines().findFirst().orElse("(empty body)");
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (check the credential: --bearer-token-env/-file, --basic-auth-env/-file)";
            case 404 -> " (is the URL the Prometheus root, e.g. http://host:9090 or http://host/prometheus?)";
            default -> "";
        };
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
