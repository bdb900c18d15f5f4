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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    private LogEventEncoder encoder;

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void bodyEncodesAsTheReferenceReadsItOrBothReject(byte[] body) {
        try (LogEventEncoder enc = new LogEventEncoder(UnpooledByteBufAllocator.DEFAULT, new EncoderStats())) {
            encoder = enc;
            check(body, false);
            check(body, true);
            check(KNOWN, false);
        }
    }

    private void check(byte[] body, boolean direct) {
        Optional<List<ReferenceEncoder.Ref>> expected = ReferenceEncoder.encode(body, CTX);
        {
            ByteBuf buf = direct ? Unpooled.directBuffer(Math.max(1, body.length)).writeBytes(body)
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
        ByteBuf all = encoder.buffer();
        int next = 0;
        String previousTag = null;
        for (LogEventEncoder.TagGroup g : batch.groups()) {
            assertThat(g.offset()).as("groups are contiguous").isEqualTo(next);
            assertThat(g.tag()).as("consecutive groups differ in tag").isNotEqualTo(previousTag);
            List<Events.Decoded> decoded = Events.decode(all, g.offset(), g.length());
            assertThat(decoded).hasSize(g.records());
            int at = g.offset();
            for (int i = 0; i < g.records(); i++) {
                int len = eventLength(all, at, g.offset() + g.length());
                out.add(g.tag() + " " + ByteBufUtil.hexDump(all, at, len));
                at += len;
            }
            assertThat(at).isEqualTo(g.offset() + g.length());
            next = at;
            previousTag = g.tag();
        }
        assertThat(batch.records()).isEqualTo(out.size());
        return out;
    }

    /** Length of the event starting at {@code at}, measured by msgpack-core skipping one value. */
    private static int eventLength(ByteBuf buf, int at, int end) {
        byte[] bytes = ByteBufUtil.getBytes(buf, at, end - at);
        try (var u = org.msgpack.core.MessagePack.newDefaultUnpacker(bytes)) {
            u.skipValue();
            return (int) u.getTotalReadBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError("encoder wrote invalid msgpack", e);
        }
    }

    private static List<String> hex(List<ReferenceEncoder.Ref> refs) {
        return refs.stream().map(r -> r.tag() + " " + ByteBufUtil.hexDump(r.bytes())).toList();
    }
}
