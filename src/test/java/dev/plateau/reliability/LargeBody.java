package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A body too large to keep in memory on either side: generated block by block while it is written, by a writer
 * thread, so the test can read the server's early answer (413) while the client is still sending — the way a
 * real client that ignores the answer behaves.
 *
 * <pre>{@code
 * LargeBody.sendAndExpect413(collector, LargeBody.jsonString(50_000_000), true);
 * }</pre>
 */
final class LargeBody {
    private static final int BLOCK = 64 * 1024;

    private final byte[] prefix;
    private final long fill;
    private final byte[] suffix;

    private LargeBody(byte[] prefix, long fill, byte[] suffix) {
        this.prefix = prefix;
        this.fill = fill;
        this.suffix = suffix;
    }

    /** {@code {"s":"xxx…"}} with a string of {@code chars} ASCII characters. */
    static LargeBody jsonString(long chars) {
        return new LargeBody(Requests.utf8("{\"s\":\""), chars, Requests.utf8("\"}"));
    }

    long length() {
        return prefix.length + fill + suffix.length;
    }

    /** Writes the body, as chunks when {@code chunked}; returns the body bytes written before a failure. */
    long writeTo(OutputStream out, boolean chunked, AtomicLong written) throws IOException {
        write(out, prefix, prefix.length, chunked, written);
        byte[] block = new byte[BLOCK];
        Arrays.fill(block, (byte) 'x');
        long left = fill;
        while (left > 0) {
            int n = (int) Math.min(BLOCK, left);
            write(out, block, n, chunked, written);
            left -= n;
        }
        write(out, suffix, suffix.length, chunked, written);
        if (chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
        return written.get();
    }

    private static void write(OutputStream out, byte[] b, int n, boolean chunked, AtomicLong written) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(b, 0, n);
        if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        written.addAndGet(n);
    }

    /**
     * Sends {@code body} (announced by Content-Length, or chunked) and asserts 413 then close, and that no
     * connection buffer ever grew past {@code buffer_max_size}.
     */
    static void sendAndExpect413(AttackedCollector c, LargeBody body, boolean chunked) throws IOException {
        String framing = chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length() + "\r\n";
        AtomicLong written = new AtomicLong();
        try (RawConnection conn = RawConnection.open(c.address())) {
            conn.write("POST /large HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + framing + "\r\n");
            OutputStream out = conn.socket().getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    body.writeTo(out, chunked, written);
                } catch (IOException expected) {
                    // the server answered 413 and closed: the rest is not wanted
                }
            }, "large-body-writer");
            writer.setDaemon(true);
            writer.start();
            RawResponse r = conn.readResponse();
            assertThat(r).as("answer to a %d-byte body", body.length()).isNotNull();
            assertThat(r.status()).as("%s", r).isEqualTo(413);
            assertThat(r.announcesClose()).as("413 says Connection: close").isTrue();
            assertThat(conn.awaitClosed(Attack.CLOSE_WITHIN)).as("closed after 413").isTrue();
            conn.close();
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(writer.isAlive()).as("writer ended").isFalse();
        }
        assertThat(c.collector().connections().highWaterBytes()).as("largest connection buffer ever")
                .isLessThanOrEqualTo(c.config().bufferMaxSize());
    }
}
