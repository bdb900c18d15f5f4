package dev.plateau.fleet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A server that accepts and never answers: the query ends after --timeout with one line saying so. */
class TimeoutTest {

    @Test
    void silentServerGivesOneLineAfterTheTimeout() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            FleetSpec spec = new FleetSpec(URI.create("http://127.0.0.1:" + silent.getLocalPort()), Auth.none(), "m", null,
                    List.of("pod"), Duration.ofHours(1), Instant.now(), null, null, Duration.ofSeconds(1), 1);
            assertThatThrownBy(() -> new Fleet(spec).run((p, d, t) -> { }, null))
                    .isInstanceOf(FleetException.class)
                    .hasMessage("--memory 'm': Prometheus at http://127.0.0.1:" + silent.getLocalPort()
                            + " did not answer within 1s (raise --timeout, or use a shorter --range or a larger --step)");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
