package dev.plateau.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A listening socket that never accepts: the kernel completes TCP handshakes into the backlog, requests are
 * written into socket buffers, and no answer ever comes. For timeout and cancel-in-flight tests.
 */
final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;

    SilentServer() throws IOException {
        socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A loopback port nobody listens on (bound, then released). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
