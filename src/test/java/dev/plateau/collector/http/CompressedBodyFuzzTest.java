package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.plateau.testing.FuzzBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.xerial.snappy.SnappyFramedInputStream;

/**
 * Fuzzes {@link CompressedBody#inflate}: the first input byte picks the coding (gzip, zstd, snappy framed), the
 * second the limit ({@code buffer_max_size}, 64 bytes to 512 KiB), the rest is the body. Whatever the ratio, the
 * result never holds more than the limit (its maximum capacity is the limit), the call ends in exactly one of
 * "bytes", {@code TooLargeException} or {@code IOException} (never another exception), and it agrees with a reference
 * read of the same stream without any limit (the library decoder drained into a byte array, stopped one byte past
 * the limit): the same bytes when they fit, "too large" exactly when the stream holds more than the limit, an error
 * exactly when the stream is corrupt before that. Every buffer is released (the allocator's count is back to 0).
 */
class CompressedBodyFuzzTest {
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void inflatedBodyIsBoundedAndMatchesTheReferenceDecoder(byte[] input) {
        if (input.length < 2) {
            return;
        }
        CompressedBody.Coding coding = CompressedBody.Coding.values()[(input[0] & 0xff) % 3];
        long limit = 64L << ((input[1] & 0xff) % 14);
        byte[] body = Arrays.copyOfRange(input, 2, input.length);
        Reference expected = reference(coding, body, limit);
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false, true); // exact count, no tracing cost
        ByteBuf in = Unpooled.wrappedBuffer(body);
        try {
            ByteBuf out = CompressedBody.inflate(coding, in, limit, alloc);
            try {
                assertThat(out.maxCapacity()).isLessThanOrEqualTo((int) limit);
                assertThat(expected.failure).as("inflated what the reference reads as %s", expected.failure).isNull();
                byte[] got = new byte[out.readableBytes()];
                out.readBytes(got);
                assertThat(got).isEqualTo(expected.bytes);
            } finally {
                out.release();
            }
        } catch (CompressedBody.TooLargeException e) {
            assertThat(expected.failure).as("too large, reference: %s", expected.failure).isEqualTo("too large");
        } catch (IOException e) {
            assertThat(expected.failure).as("corrupt (%s), reference: %s", e.getMessage(), expected.failure)
                    .isEqualTo("corrupt");
        } finally {
            in.release();
        }
        assertThat(alloc.metric().usedHeapMemory()).as("buffers left allocated").isZero();
    }

    private record Reference(byte[] bytes, String failure) {
    }

    private static Reference reference(CompressedBody.Coding coding, byte[] body, long limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = open(coding, new ByteArrayInputStream(body), limit)) {
            byte[] step = new byte[8192];
            int n;
            while ((n = in.read(step)) >= 0) {
                out.write(step, 0, n);
                if (out.size() > limit) {
                    return new Reference(null, "too large");
                }
            }
            return new Reference(out.toByteArray(), null);
        } catch (IOException | RuntimeException e) {
            return new Reference(null, "corrupt");
        }
    }

    private static InputStream open(CompressedBody.Coding coding, InputStream raw, long limit) throws IOException {
        return switch (coding) {
            case GZIP -> new GZIPInputStream(raw, 8192);
            case ZSTD -> new ZstdInputStreamNoFinalizer(raw).setLongMax(CompressedBody.zstdWindowLog(limit));
            case SNAPPY -> new SnappyFramedInputStream(raw, true);
        };
    }
}
