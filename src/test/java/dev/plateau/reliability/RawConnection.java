package dev.plateau.reliability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain {@link Socket} that speaks HTTP/1.1 by hand, so a test can send any bytes at all — bad framing, half
 * requests, pipelined mixes — and read exactly what came back: each response, or the connection closing.
 *
 * <pre>{@code
 * try (RawConnection c = RawConnection.open(collector.address())) {
 *     c.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
 *     RawResponse r = c.readResponse();          // null if the server closed without answering
 *     boolean closed = c.awaitClosed(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
final class RawConnection implements AutoCloseable {
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean eof;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawConnection open(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(address, 5_000);
        s.setSoTimeout((int) READ_TIMEOUT.toMillis());
        return new RawConnection(s);
    }

    Socket socket() {
        return socket;
    }

    void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes, ignoring a failure caused by the server having closed already (it may answer and close early). */
    boolean writeQuietly(byte[] bytes) {
        try {
            write(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /**
     * Reads one response. Returns {@code null} when the connection ended (EOF or reset) before its first byte;
     * throws {@link SocketTimeoutException} if nothing came within the read timeout.
     */
    RawResponse readResponse() throws IOException {
        String statusLine;
        try {
            statusLine = readLine();
        } catch (SocketException reset) {
            eof = true;
            return null;
        }
        if (statusLine == null) {
            return null;
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String line;
        while ((line = readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.add(new AbstractMap.SimpleImmutableEntry<>(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim()));
        }
        RawResponse head = new RawResponse(status, headers, "");
        String length = head.header("content-length");
        String body = "";
        if (length != null && status != 204 && status != 304 && status >= 200) {
            body = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.ISO_8859_1);
        }
        return new RawResponse(status, headers, body);
    }

    /** Reads every response until the connection ends; fails if it does not end within the read timeout. */
    List<RawResponse> readUntilClosed() throws IOException {
        List<RawResponse> out = new ArrayList<>();
        RawResponse r;
        while ((r = readResponse()) != null) {
            out.add(r);
        }
        return out;
    }

    /**
     * Discards input until the server closes (EOF or reset): true, or {@code within} passes: false. A half-close
     * (the server shut its output down and lingers to read the rest) counts as closed.
     */
    boolean awaitClosed(Duration within) throws IOException {
        if (eof) {
            return true;
        }
        long deadline = System.nanoTime() + within.toNanos();
        byte[] sink = new byte[8192];
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) Math.max(1, left));
                if (in.read(sink) < 0) {
                    eof = true;
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            eof = true;
            return true;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            }
        }
    }

    /** True if nothing arrives and the connection stays open for {@code during}. */
    boolean staysOpenSilently(Duration during) throws IOException {
        socket.setSoTimeout((int) during.toMillis());
        try {
            int b = in.read();
            if (b < 0) {
                eof = true;
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (SocketException e) {
            eof = true;
            return false;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            }
        }
    }

    /** Closes with SO_LINGER 0: the kernel sends a TCP reset instead of a FIN. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        eof = true;
        if (line.size() > 0) {
            throw new IOException("connection ended inside a line: " + line);
        }
        return null;
    }
}
