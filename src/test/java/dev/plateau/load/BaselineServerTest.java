package dev.plateau.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BaselineServerTest {

    @Test
    void answers201WithAnEmptyBodyAndCounts() throws Exception {
        try (BaselineServer server = new BaselineServer(1)) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + "/x"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(201);
                assertThat(r.body()).isEmpty();
            }
            assertThat(server.requests()).isEqualTo(3);
            assertThat(server.bodyBytes()).isEqualTo(21);
            assertThat(server.acceptedConnections()).isEqualTo(1);
            assertThat(server.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void stopClosesOpenConnections() throws Exception {
        BaselineServer server = new BaselineServer(1);
        InetSocketAddress at = server.start("127.0.0.1", 0);
        try (java.net.Socket idle = new java.net.Socket(at.getAddress(), at.getPort())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 1);
            server.stop();
            assertThat(idle.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(server.openConnections()).isZero();
    }

    @Test
    void portInUseFailsWithTheAddress() {
        try (BaselineServer first = new BaselineServer(1); BaselineServer second = new BaselineServer(1)) {
            int port = first.start("127.0.0.1", 0).getPort();
            assertThatThrownBy(() -> second.start("127.0.0.1", port))
                    .hasMessageStartingWith("baseline server: cannot bind 127.0.0.1:" + port);
        }
    }
}
