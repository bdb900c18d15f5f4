package dev.plateau.collector.encode;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plateau.collector.EncoderStats;
import dev.plateau.testing.FuzzBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fuzzes form bodies ({@link FormDecoder} through {@link LogEventEncoder#encodeForm}) against a reference built
 * from the JDK's {@link URLDecoder}: fields split on {@code &} (empty ones skipped), name and value on the first
 * {@code =}, every {@code %} followed by two hex digits, the decoded bytes strict UTF-8, no empty name, at least one
 * field. Accepted bodies must be the reference's event byte for byte (tag from {@code tag_key} included); rejected
 * ones must leave the encoder's buffer empty.
 */
class FormBodyFuzzTest {
    private static final RequestContext CTX = new RequestContext(new EventTime(1_700_000_000L, 0), "form", "tag",
            "REMOTE_ADDR", null);
    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void formDecodesAsTheReferenceReadsItOrBothReject(byte[] body) throws IOException {
        Optional<ReferenceEncoder.Ref> expected = reference(body);
        try (LogEventEncoder encoder = new LogEventEncoder(new UnpooledByteBufAllocator(false, true), new EncoderStats())) {
            ByteBuf buf = Unpooled.wrappedBuffer(body);
            try {
                LogEventEncoder.Batch batch = encoder.encodeForm(buf, CTX);
                assertThat(expected).as("encoder accepted what the reference rejects").isPresent();
                assertThat(batch.records()).isEqualTo(1);
                assertThat(batch.groups()).singleElement().satisfies(g -> {
                    assertThat(g.tag()).isEqualTo(expected.get().tag());
                    assertThat(ByteBufUtil.hexDump(encoder.buffer(), g.offset(), g.length()))
                            .isEqualTo(ByteBufUtil.hexDump(expected.get().bytes()));
                });
            } catch (RecordException e) {
                assertThat(expected).as("encoder rejected (%s) what the reference accepts", e.getMessage()).isEmpty();
                assertThat(e.getMessage()).doesNotContain("\n");
                assertThat(encoder.buffer().readableBytes()).isZero();
            } finally {
                buf.release();
            }
        }
    }

    private static Optional<ReferenceEncoder.Ref> reference(byte[] body) throws IOException {
        String latin1 = new String(body, StandardCharsets.ISO_8859_1);
        List<Object> fields = new ArrayList<>();
        String tag = null;
        for (String field : latin1.split("&", -1)) {
            if (field.isEmpty()) {
                continue;
            }
            int eq = field.indexOf('=');
            Optional<String> name = decode(eq < 0 ? field : field.substring(0, eq));
            Optional<String> value = eq < 0 ? Optional.of("") : decode(field.substring(eq + 1));
            if (name.isEmpty() || value.isEmpty() || name.get().isEmpty()) {
                return Optional.empty();
            }
            fields.add(name.get());
            fields.add(value.get());
            if (name.get().equals(CTX.tagKey())) {
                tag = value.get();
            }
        }
        return fields.isEmpty() ? Optional.empty() : Optional.of(ReferenceEncoder.event(fields, tag, CTX));
    }

    private static Optional<String> decode(String part) {
        if (BAD_ESCAPE.matcher(part).find()) {
            return Optional.empty();
        }
        byte[] bytes = URLDecoder.decode(part, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
