package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedOutputStream;

/** zstd and snappy (framed) bodies over real sockets like Fluent Bit's in_http, and the buffer_max_size bound. */
class CompressedBodyTest {
    private static final String JSON = "application/json";
    private static final String RECORDS = "[{\"a\":1},{\"a\":2},{\"a\":3}]";
    private CollectorFixture fx;

    @BeforeEach
    void start() {
        fx = new CollectorFixture(b -> b.bufferChunkSize(10_000).bufferMaxSize(100_000));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    static byte[] zstd(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }

    static byte[] snappyFramed(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream s = new SnappyFramedOutputStream(out)) {
            s.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] spaces(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) ' ');
        b[0] = '[';
        b[n - 1] = ']';
        return b;
    }

    @Test
    void inflatesZstd() throws Exception {
        HttpResponse<String> r = fx.post("/z", JSON, zstd(utf8(RECORDS)), "Content-Encoding", "zstd");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(fx.collector.counters().recordsInTotal()).isEqualTo(3);
    }

    @Test
    void inflatesFramedSnappyWithCaseInsensitiveName() throws Exception {
        HttpResponse<String> r = fx.post("/s", JSON, snappyFramed(utf8(RECORDS)), "Content-Encoding", "Snappy");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(fx.collector.counters().recordsInTotal()).isEqualTo(3);
    }

    @Test
    void rawSnappyBlockIsRejectedLikeFluentBit() throws Exception {
        HttpResponse<String> r = fx.post("/", JSON, Snappy.compress(utf8(RECORDS)), "Content-Encoding", "snappy");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("error: unable to process records\n");
        assertThat(fx.collector.counters().recordsInTotal()).isZero();
    }

    @Test
    void corruptZstdIs400AndIngestsNothing() throws Exception {
        byte[] z = zstd(utf8(RECORDS));
        HttpResponse<String> r = fx.post("/", JSON, Arrays.copyOf(z, z.length - 4), "Content-Encoding", "zstd");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(fx.collector.counters().recordsInTotal()).isZero();
    }

    @Test
    void zstdFrameDeclaringAHugeWindowIsRefusedWithoutAllocatingIt() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(out, 19)) {
            z.setLong(27);
            z.write(utf8(RECORDS));
        }
        HttpResponse<String> r = fx.post("/", JSON, out.toByteArray(), "Content-Encoding", "zstd");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(fx.collector.counters().recordsInTotal()).isZero();
    }

    @Test
    void zstdBombIs413() throws Exception {
        byte[] bomb = zstd(spaces(50_000_000));
        assertThat(bomb.length).as("a small request").isLessThan(10_000);
        HttpResponse<String> r = fx.post("/", JSON, bomb, "Content-Encoding", "zstd");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(fx.collector.counters().recordsInTotal()).isZero();
    }

    @Test
    void snappyBombIs413() throws Exception {
        byte[] bomb = snappyFramed(spaces(20_000_000));
        HttpResponse<String> r = fx.post("/", JSON, bomb, "Content-Encoding", "snappy");
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void inflatedBufferNeverPassesTheLimitWhateverTheFrameDeclares() throws Exception {
        byte[] plain = spaces(1_000_000);
        byte[] declared = Zstd.compress(plain);   // single-shot: the frame header declares 1,000,000 bytes
        AtomicReference<ByteBuf> seen = new AtomicReference<>();
        AbstractByteBufAllocator alloc = new AbstractByteBufAllocator(false) {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                ByteBuf b = UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
                seen.set(b);
                return b;
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                return UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        };
        ByteBuf body = Unpooled.wrappedBuffer(declared);
        try {
            assertThatThrownBy(() -> CompressedBody.inflate(CompressedBody.Coding.ZSTD, body, 64_000, alloc))
                    .isInstanceOf(CompressedBody.TooLargeException.class);
            assertThat(seen.get().maxCapacity()).isEqualTo(64_000);
            assertThat(seen.get().refCnt()).as("released on the error path").isZero();
            ByteBuf ok = CompressedBody.inflate(CompressedBody.Coding.ZSTD, body, 1_000_000, alloc);
            try {
                assertThat(ok.readableBytes()).isEqualTo(1_000_000);
                assertThat(body.readerIndex()).as("the request body is only read").isZero();
            } finally {
                ok.release();
            }
        } finally {
            body.release();
        }
    }

    @Test
    void zstdWindowIsBoundedByTheLimit() {
        assertThat(CompressedBody.zstdWindowLog(4_000_000)).isEqualTo(23);
        assertThat(CompressedBody.zstdWindowLog(20_000_000)).isEqualTo(26);
        assertThat(CompressedBody.zstdWindowLog(1)).isEqualTo(23);
        assertThat(CompressedBody.zstdWindowLog(Integer.MAX_VALUE)).isEqualTo(27);
    }
}
