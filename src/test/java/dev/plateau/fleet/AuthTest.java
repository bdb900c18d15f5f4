package dev.plateau.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials travel only in the Authorization header: read from an env var or a file, sent to a real HTTP server
 * on loopback, never in {@code toString} or an error line; a 401 gives the server's text and a hint.
 */
class AuthTest {
    private static final String TOKEN = "tok-3f9a1c";

    @Test
    void bearerTokenIsSentAndNeverPrinted() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "Unauthorized\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Auth auth = Auth.bearerFromEnv("PROM_TOKEN", Map.of("PROM_TOKEN", TOKEN + "\n"));
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            FleetSpec spec = new FleetSpec(url, auth, "m", "w", List.of("pod"), Duration.ofHours(1), Instant.now(), null,
                    null, Duration.ofSeconds(5), 1);
            assertThatThrownBy(() -> new Fleet(spec).run((p, d, t) -> { }, null))
                    .isInstanceOf(FleetException.class)
                    .hasMessageContaining("Prometheus answered 401: Unauthorized (check the credential")
                    .hasMessageNotContaining(TOKEN);
            assertThat(seen).isNotEmpty().allSatisfy(h -> assertThat(h).isEqualTo("Bearer " + TOKEN));
            assertThat(auth.toString()).isEqualTo("bearer token from $PROM_TOKEN");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void basicAuthFromFileIsEncodedAndMustHoldAColon(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("cred"), "plateau:s3cret\n");
        Auth auth = Auth.basicFromFile(file);
        assertThat(auth.header()).contains("Basic cGxhdGVhdTpzM2NyZXQ=");
        assertThat(auth.toString()).doesNotContain("s3cret");
        Files.writeString(file, "no-colon-here");
        assertThatThrownBy(() -> Auth.basicFromFile(file)).hasMessageContaining("must be user:password")
                .hasMessageNotContaining("no-colon-here");
        assertThatThrownBy(() -> Auth.bearerFromFile(dir.resolve("absent"))).hasMessageContaining("cannot read credential file");
    }
}
