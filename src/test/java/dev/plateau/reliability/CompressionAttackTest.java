package dev.plateau.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compressed bodies that lie: a gzip bomb that inflates far past {@code buffer_max_size} must be refused with
 * 413 while memory stays bounded; corrupt and truncated gzip must get 400 and keep nothing.
 */
class CompressionAttackTest extends AttackSuite {
    static final String GZIP = "Content-Encoding: gzip\r\n";

    /** {"s":"000…"} of {@code inflated} bytes, gzipped (1 GB of zeros compresses to about 1 MB). */
    static byte[] bomb(long inflated) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(Requests.utf8("{\"s\":\""));
            byte[] zeros = new byte[64 * 1024];
            Arrays.fill(zeros, (byte) '0');
            for (long left = inflated; left > 0; left -= zeros.length) {
                gz.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
            gz.write(Requests.utf8("\"}"));
        }
        return out.toByteArray();
    }

    /** The same bomb as zstd (200 MB of '0' compress to a few KB). */
    static byte[] zstdBomb(long inflated) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(out)) {
            z.write(Requests.utf8("{\"s\":\""));
            byte[] zeros = new byte[64 * 1024];
            Arrays.fill(zeros, (byte) '0');
            for (long left = inflated; left > 0; left -= zeros.length) {
                z.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
            z.write(Requests.utf8("\"}"));
        }
        return out.toByteArray();
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(Requests.utf8(text));
        }
        return out.toByteArray();
    }

    @Test
    void gzipBombIsRefusedWith413WhileMemoryStaysBounded() throws Exception {
        byte[] bomb = bomb(200_000_000);
        assertThat(bomb.length).as("compressed bomb fits in buffer_max_size").isLessThan((int) AttackedCollector.MAX);
        try (PeakProbe peak = PeakProbe.start(collector.collector())) {
            Attack.closes("gzip bomb: " + bomb.length + " bytes inflating to 200 MB",
                    Requests.post("/bomb", Requests.JSON, GZIP, bomb), Set.of(413), null).run(collector);
            PeakProbe.Peaks p = peak.stop();
            long max = collector.config().bufferMaxSize();
            System.out.printf("gzip bomb (%d bytes -> 200 MB): peak connection buffers %d B, encoder %d B, direct growth %d B%n",
                    bomb.length, p.connectionBufferBytes(), p.encoderRetainedBytes(), p.directBytesGrowth());
            assertThat(p.connectionBufferBytes()).as("peak connection buffer bytes").isLessThanOrEqualTo(max);
            assertThat(p.encoderRetainedBytes()).as("peak encoder retained bytes").isLessThanOrEqualTo(4 * max);
            assertThat(p.directBytesGrowth()).as("peak growth of direct memory during the bomb")
                    .isLessThanOrEqualTo(8 * max);
        }
    }

    @Test
    void zstdBombIsRefusedWith413WhileMemoryStaysBounded() throws Exception {
        byte[] bomb = zstdBomb(200_000_000);
        try (PeakProbe peak = PeakProbe.start(collector.collector())) {
            Attack.closes("zstd bomb: " + bomb.length + " bytes inflating to 200 MB",
                    Requests.post("/bomb", Requests.JSON, "Content-Encoding: zstd\r\n", bomb), Set.of(413), null).run(collector);
            PeakProbe.Peaks p = peak.stop();
            long max = collector.config().bufferMaxSize();
            assertThat(p.connectionBufferBytes()).as("peak connection buffer bytes").isLessThanOrEqualTo(max);
            assertThat(p.directBytesGrowth()).as("peak growth of direct memory during the bomb").isLessThanOrEqualTo(8 * max);
        }
    }

    static List<Attack> broken() throws IOException {
        byte[] good = gzip("[{\"a\":1},{\"b\":2}]");
        byte[] corrupt = good.clone();
        for (int i = 10; i < corrupt.length - 8; i++) {
            corrupt[i] ^= 0x5A;
        }
        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 6] ^= 0x01;
        byte[] noise = new byte[512];
        new Random(7).nextBytes(noise);
        noise[0] = 0x1f;
        noise[1] = (byte) 0x8b;
        return List.of(
                Attack.keepsOpen("gzip, well-formed (control)", Requests.post("/gz", Requests.JSON, GZIP, good), 201, null, 2),
                Attack.badJsonGzip("gzip with a corrupt deflate stream", corrupt),
                Attack.badJsonGzip("gzip with a wrong CRC", badCrc),
                Attack.badJsonGzip("gzip truncated to half", Arrays.copyOf(good, good.length / 2)),
                Attack.badJsonGzip("gzip truncated before its trailer", Arrays.copyOf(good, good.length - 8)),
                Attack.badJsonGzip("gzip magic then noise", noise),
                Attack.badJsonGzip("not gzip at all", Requests.utf8("{\"a\":1}")),
                Attack.badJsonGzip("gzip of invalid JSON", gzip("{\"a\":")),
                Attack.keepsOpen("zstd, well-formed (control)", Requests.post("/zs", Requests.JSON,
                        "Content-Encoding: zstd\r\n", Zstd.compress(Requests.utf8("{\"a\":1}"))), 201, null, 1),
                Attack.keepsOpen("zstd truncated", Requests.post("/zs", Requests.JSON, "Content-Encoding: zstd\r\n",
                        Arrays.copyOf(Zstd.compress(Requests.utf8("[{\"a\":1},{\"b\":2}]")), 12)), 400, Attack.UNPROCESSABLE, 0),
                Attack.keepsOpen("zstd header then noise", Requests.post("/zs", Requests.JSON, "Content-Encoding: zstd\r\n",
                        Requests.concat(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, noise)), 400, Attack.UNPROCESSABLE, 0),
                Attack.keepsOpen("unknown encoding br", Requests.post("/br", Requests.JSON, "Content-Encoding: br\r\n",
                        Requests.utf8("{\"a\":1}")), 400, "error: unsupported content encoding\n", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenCompressionIsRejectedAndNothingIsKept(Attack attack) throws IOException {
        attack.run(collector);
    }
}
