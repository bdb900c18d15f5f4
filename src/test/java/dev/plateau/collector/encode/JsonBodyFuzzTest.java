package dev.plateau.collector.encode;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plateau.collector.EncoderStats;
import dev.plateau.testing.FuzzBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * Fuzzes the JSON body → events path ({@link LogEventEncoder} over {@link RawJsonParser}) against
 * {@link ReferenceEncoder}: for any bytes, either both reject, or the encoder's events are byte for byte the
 * reference's msgpack, in order, with the same tags and the same grouping by consecutive tag. The body goes in
 * as a heap buffer and as a direct buffer (the encoder's two read paths) through one encoder, reset in between as
 * on an event loop, and a known body after them must still encode exactly (no state left behind). A rejected body
 * must leave nothing in the buffer.
 */
class JsonBodyFuzzTest {
    private static final RequestContext CTX = new RequestContext(new EventTime(1_700_000_000L, 5), "default", "tag",
            "REMOTE_ADDR", "10.1.2.3");

    private static final byte[] KNOWN = "[{\"tag\":\"k\",\"a\":[1,\"\u00e9\"]},{\"b\":null}]"
            .getBytes(StandardCharsets.UTF_8);

    /** No leak-detector wrapper: paranoid detection records a stack trace per buffer access (exact checks below). */
    private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(true, true);

    private LogEventEncoder encoder;

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void bodyEncodesAsTheReferenceReadsItOrBothReject(byte[] body) {
        try (LogEventEncoder enc = new LogEventEncoder(ALLOC, new EncoderStats())) {
            encoder = enc;
            check(body, false);
            check(body, true);
            check(KNOWN, false);
        }
        assertThat(ALLOC.metric().usedDirectMemory() + ALLOC.metric().usedHeapMemory()).isZero();
    }

    private void check(byte[] body, boolean direct) {
        Optional<List<ReferenceEncoder.Ref>> expected = ReferenceEncoder.encode(body, CTX);
        {
            ByteBuf buf = direct ? ALLOC.directBuffer(Math.max(1, body.length)).writeBytes(body)
                    : Unpooled.wrappedBuffer(body);
            try {
                LogEventEncoder.Batch batch = encoder.encodeJson(buf, CTX);
                assertThat(expected).as("encoder accepted what the reference rejects (direct %s)", direct).isPresent();
                assertThat(events(batch)).as("direct %s", direct).containsExactlyElementsOf(hex(expected.get()));
                assertThat(encoder.buffer().readableBytes()).isEqualTo(
                        expected.get().stream().mapToInt(r -> r.bytes().length).sum());
            } catch (RecordException e) {
                assertThat(expected).as("encoder rejected (%s) what the reference accepts (direct %s)",
                        e.getMessage(), direct).isEmpty();
                assertThat(encoder.buffer().readableBytes()).as("nothing kept of a rejected body").isZero();
            } finally {
                buf.release();
                encoder.reset();
            }
        }
    }

    /** The batch's events as "tag hex" strings, checking that groups tile the buffer in order. */
    private List<String> events(LogEventEncoder.Batch batch) {
        List<String> out = new ArrayList<>();
        byte[] all = ByteBufUtil.getBytes(encoder.buffer());
        int next = 0;
        String previousTag = null;
        for (LogEventEncoder.TagGroup g : batch.groups()) {
            assertThat(g.offset()).as("groups are contiguous").isEqualTo(next);
            assertThat(g.tag()).as("consecutive groups differ in tag").isNotEqualTo(previousTag);
            int at = g.offset();
            try (MessageUnpacker u = MessagePack.newDefaultUnpacker(all, g.offset(), g.length())) {
                for (int i = 0; i < g.records(); i++) {
                    long before = u.getTotalReadBytes();
                    u.skipValue();
                    int len = (int) (u.getTotalReadBytes() - before);
                    out.add(g.tag() + " " + HexFormat.of().formatHex(all, at, at + len));
                    at += len;
                }
                assertThat(u.hasNext()).as("more events than the group counts").isFalse();
            } catch (IOException e) {
                throw new AssertionError("encoder wrote invalid msgpack", e);
            }
            assertThat(at).isEqualTo(g.offset() + g.length());
            next = at;
            previousTag = g.tag();
        }
        assertThat(batch.records()).isEqualTo(out.size());
        return out;
    }

    private static List<String> hex(List<ReferenceEncoder.Ref> refs) {
        return refs.stream().map(r -> r.tag() + " " + HexFormat.of().formatHex(r.bytes())).toList();
    }
}
