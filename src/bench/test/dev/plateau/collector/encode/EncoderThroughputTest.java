package dev.plateau.collector.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.EncoderStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** Prints the encoder's throughput on the ~5 MB body (informative; only correctness is asserted). */
class EncoderThroughputTest {
    @Test
    void encodesTheBigBodyRepeatedly() throws Exception {
        RequestContext ctx = new RequestContext(EventTime.now(), "big", null, "REMOTE_ADDR", null);
        ByteBuf heap = Events.heap(Events.bigArray(4500));
        ByteBuf direct = UnpooledByteBufAllocator.DEFAULT.directBuffer(heap.readableBytes());
        direct.writeBytes(heap, heap.readerIndex(), heap.readableBytes());
        try (LogEventEncoder encoder = new LogEventEncoder(UnpooledByteBufAllocator.DEFAULT, new EncoderStats())) {
            for (ByteBuf body : new ByteBuf[] {heap, direct}) {
                int rounds = 20;
                long bytes = 0;
                for (int warm = 0; warm < 5; warm++) {
                    assertThat(encoder.encodeJson(body, ctx).records()).isEqualTo(4500);
                    encoder.reset();
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    assertThat(encoder.encodeJson(body, ctx).records()).isEqualTo(4500);
                    bytes += body.readableBytes();
                    encoder.reset();
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("encoder throughput (%s body): %d x %.1f MB in %.3f s = %.0f MB/s, %.0f records/s%n",
                        body.isDirect() ? "direct" : "heap", rounds, body.readableBytes() / 1e6, s, bytes / 1e6 / s,
                        rounds * 4500 / s);
            }
        } finally {
            heap.release();
            direct.release();
        }
    }
}
