package dev.plateau.collector.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.plateau.collector.EncoderStats;
import dev.plateau.collector.encode.LogEventEncoder.Batch;
import dev.plateau.collector.encode.LogEventEncoder.TagGroup;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

class LogEventEncoderTest {
    private static final EventTime TIME = new EventTime(1_700_000_000L, 123_456_789);
    private static final RequestContext CTX = new RequestContext(TIME, "app.log", null, "REMOTE_ADDR", null);

    private final EncoderStats stats = new EncoderStats();
    private final LogEventEncoder encoder = new LogEventEncoder(UnpooledByteBufAllocator.DEFAULT, stats);

    @AfterEach
    void close() {
        encoder.close();
        assertThat(stats.retainedBytes()).isZero();
    }

    private Batch json(String body) throws RecordException {
        return json(body, CTX);
    }

    private Batch json(String body, RequestContext ctx) throws RecordException {
        ByteBuf buf = Events.heap(body);
        try {
            return encoder.encodeJson(buf, ctx);
        } finally {
            buf.release();
        }
    }

    @Nested
    class Format {
        @Test
        void knownRecordIsByteExactV2Event() throws Exception {
            Batch batch = json("{\"a\":\"1\",\"n\":42}");

            MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
            p.packArrayHeader(2).packArrayHeader(2).packExtensionTypeHeader((byte) 0, 8).writePayload(TIME.toBytes());
            p.packMapHeader(0);
            p.writePayload(new byte[] {(byte) 0xdf, 0, 0, 0, 2});
            p.packString("a").packString("1").packString("n").packLong(42);
            p.close();
            byte[] expected = p.toByteArray();

            ByteBuf buf = encoder.buffer();
            assertThat(ByteBufUtil.getBytes(buf, 0, buf.writerIndex())).isEqualTo(expected);
            assertThat(ByteBufUtil.hexDump(buf, 0, 18)).isEqualTo("9292d7006553f100075bcd1580df00000002");
            assertThat(batch).isEqualTo(new Batch(1, List.of(new TagGroup("app.log", 0, expected.length, 1))));
            var events = Events.decodeAll(buf);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).seconds()).isEqualTo(1_700_000_000L);
            assertThat(events.get(0).nanos()).isEqualTo(123_456_789L);
            assertThat(events.get(0).metadata().asMapValue().size()).isZero();
            assertThat(events.get(0).record().toJson()).isEqualTo("{\"a\":\"1\",\"n\":42}");
        }

        @Test
        void jsonValuesMapToMsgpackTypes() throws Exception {
            json("{\"s\":\"a\\u0000b\",\"i\":-7,\"f\":1.5,\"t\":true,\"F\":false,\"z\":null,"
                    + "\"arr\":[1,\"x\",{\"k\":[]}],\"m\":{},\"u\":\"\u00e9\u4e2d\"}");
            var rec = Events.decodeAll(encoder.buffer()).get(0).record().asMapValue().map();
            assertThat(rec.get(v("s")).asStringValue().asString()).isEqualTo("a\0b");
            assertThat(rec.get(v("i")).asIntegerValue().asLong()).isEqualTo(-7);
            assertThat(rec.get(v("f")).asFloatValue().toDouble()).isEqualTo(1.5);
            assertThat(rec.get(v("t")).asBooleanValue().getBoolean()).isTrue();
            assertThat(rec.get(v("F")).asBooleanValue().getBoolean()).isFalse();
            assertThat(rec.get(v("z")).isNilValue()).isTrue();
            assertThat(rec.get(v("arr")).toJson()).isEqualTo("[1,\"x\",{\"k\":[]}]");
            assertThat(rec.get(v("m")).toJson()).isEqualTo("{}");
            assertThat(rec.get(v("u")).asStringValue().asString()).isEqualTo("\u00e9\u4e2d");
        }

        @Test
        void loneSurrogateEscapesBecomeQuestionMarks() throws Exception {
            json("{\"s\":\"\\ud800x\",\"ok\":\"\\ud83d\\ude00\"}");
            var rec = Events.decodeAll(encoder.buffer()).get(0).record().asMapValue().map();
            assertThat(rec.get(v("s")).asStringValue().asString()).isEqualTo("?x");
            assertThat(rec.get(v("ok")).asStringValue().asString()).isEqualTo("\ud83d\ude00");
        }

        @Test
        void integersBeyond64BitsBecomeFloat64() throws Exception {
            json("{\"max\":18446744073709551615,\"over\":18446744073709551616,"
                    + "\"min\":-9223372036854775808,\"under\":-9223372036854775809}");
            var rec = Events.decodeAll(encoder.buffer()).get(0).record().asMapValue().map();
            assertThat(rec.get(v("max")).asIntegerValue().asBigInteger())
                    .isEqualTo(new BigInteger("18446744073709551615"));
            assertThat(rec.get(v("min")).asIntegerValue().asLong()).isEqualTo(Long.MIN_VALUE);
            assertThat(rec.get(v("over")).isFloatValue()).isTrue();
            assertThat(rec.get(v("over")).asFloatValue().toDouble()).isEqualTo(1.8446744073709552E19);
            assertThat(rec.get(v("under")).isFloatValue()).isTrue();
        }

        private org.msgpack.value.Value v(String s) {
            return org.msgpack.value.ValueFactory.newString(s);
        }
    }

    @Nested
    class Bodies {
        @Test
        void objectIsOneRecord() throws Exception {
            assertThat(json("  {\"a\":1}\n").records()).isEqualTo(1);
            assertThat(Events.recordsJson(encoder.buffer())).containsExactly("{\"a\":1}");
        }

        @Test
        void concatenatedObjectsAreSeveralRecords() throws Exception {
            Batch b = json("{\"a\":1}\n{\"b\":2} {\"c\":3}");
            assertThat(b.records()).isEqualTo(3);
            assertThat(b.groups()).hasSize(1);
            assertThat(Events.recordsJson(encoder.buffer())).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
        }

        @Test
        void arrayGivesOneRecordPerElement() throws Exception {
            Batch b = json("[{\"a\":1},{\"b\":{\"c\":[1,2]}}]");
            assertThat(b.records()).isEqualTo(2);
            assertThat(Events.recordsJson(encoder.buffer())).containsExactly("{\"a\":1}", "{\"b\":{\"c\":[1,2]}}");
            assertThat(Events.decodeAll(encoder.buffer())).allMatch(e -> e.seconds() == TIME.seconds());
        }

        @Test
        void emptyArrayGivesNoRecord() throws Exception {
            assertThat(json("[]")).isEqualTo(new Batch(0, List.of()));
            assertThat(encoder.buffer().writerIndex()).isZero();
        }

        @Test
        void directBodyIsReadToo() throws Exception {
            ByteBuf body = Unpooled.directBuffer();
            body.writeCharSequence("xx[{\"a\":1}]", StandardCharsets.UTF_8);
            body.readerIndex(2);
            try {
                assertThat(encoder.encodeJson(body, CTX).records()).isEqualTo(1);
                assertThat(body.readerIndex()).isEqualTo(2);
            } finally {
                body.release();
            }
            assertThat(Events.recordsJson(encoder.buffer())).containsExactly("{\"a\":1}");
        }

        @Test
        void formBodyIsOneRecordOfStrings() throws Exception {
            ByteBuf body = Events.heap("a=1&b=hello+world&c=%C3%A9%26&&flag");
            try {
                assertThat(encoder.encodeForm(body, CTX).records()).isEqualTo(1);
            } finally {
                body.release();
            }
            assertThat(Events.recordsJson(encoder.buffer()))
                    .containsExactly("{\"a\":\"1\",\"b\":\"hello world\",\"c\":\"\u00e9&\",\"flag\":\"\"}");
        }

        @Test
        void formBodyHonoursTagKeyAndRemoteAddr() throws Exception {
            ByteBuf body = Events.heap("svc=billing&msg=hi");
            try {
                Batch b = encoder.encodeForm(body, new RequestContext(TIME, "http.0", "svc", "REMOTE_ADDR", "10.1.2.3"));
                assertThat(b.groups()).extracting(TagGroup::tag).containsExactly("billing");
            } finally {
                body.release();
            }
            assertThat(Events.recordsJson(encoder.buffer()))
                    .containsExactly("{\"svc\":\"billing\",\"msg\":\"hi\",\"REMOTE_ADDR\":\"10.1.2.3\"}");
        }

        @Test
        void badFormBodiesAreRejected() {
            for (String bad : List.of("a=%zz", "a=%C3", "=1", "&&", "a=%4")) {
                ByteBuf body = Events.heap(bad);
                try {
                    assertThatThrownBy(() -> encoder.encodeForm(body, CTX)).as(bad).isInstanceOf(RecordException.class);
                } finally {
                    body.release();
                }
            }
            assertThat(encoder.buffer().writerIndex()).isZero();
        }

        @Test
        void remoteAddrIsAddedToEachRecord() throws Exception {
            RequestContext ctx = new RequestContext(TIME, "t", null, "REMOTE_ADDR", "10.0.0.7");
            json("[{\"a\":1},{\"b\":2}]", ctx);
            assertThat(Events.recordsJson(encoder.buffer())).containsExactly(
                    "{\"a\":1,\"REMOTE_ADDR\":\"10.0.0.7\"}", "{\"b\":2,\"REMOTE_ADDR\":\"10.0.0.7\"}");
        }

        @Test
        void tagKeyGroupsConsecutiveRecordsByTag() throws Exception {
            RequestContext ctx = new RequestContext(TIME, "default", "t", "REMOTE_ADDR", null);
            Batch b = json("[{\"t\":\"x\",\"i\":0},{\"t\":\"x\",\"i\":1},{\"i\":2,\"t\":\"y\"},{\"i\":3},"
                    + "{\"t\":5,\"i\":4},{\"t\":\"x\",\"i\":5}]", ctx);
            assertThat(b.records()).isEqualTo(6);
            assertThat(b.groups()).extracting(TagGroup::tag, TagGroup::records).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("x", 2), org.assertj.core.groups.Tuple.tuple("y", 1),
                    org.assertj.core.groups.Tuple.tuple("default", 2), org.assertj.core.groups.Tuple.tuple("x", 1));
            int expectedOffset = 0;
            int i = 0;
            for (TagGroup g : b.groups()) {
                assertThat(g.offset()).isEqualTo(expectedOffset);
                for (var e : Events.decode(encoder.buffer(), g.offset(), g.length())) {
                    assertThat(e.record().toJson()).contains("\"i\":" + i++);
                }
                expectedOffset += g.length();
            }
            assertThat(expectedOffset).isEqualTo(encoder.buffer().writerIndex());
            assertThat(Events.recordsJson(encoder.buffer()).get(0)).isEqualTo("{\"t\":\"x\",\"i\":0}");
        }

        @Test
        void copyOfAGroupIsOwnedByTheCaller() throws Exception {
            Batch b = json("{\"a\":1}");
            ByteBuf copy = encoder.copy(b.groups().get(0));
            encoder.reset();
            try {
                assertThat(Events.recordsJson(copy)).containsExactly("{\"a\":1}");
            } finally {
                assertThat(copy.release()).isTrue();
            }
        }
    }

    /** One parser reads every body of an encoder: no state may leak from one body (or one failure) to the next. */
    @Nested
    class ParserReuse {
        private byte[] fresh(String body) throws Exception {
            try (LogEventEncoder other = new LogEventEncoder(UnpooledByteBufAllocator.DEFAULT, new EncoderStats())) {
                ByteBuf buf = Events.heap(body);
                try {
                    other.encodeJson(buf, CTX);
                } finally {
                    buf.release();
                }
                return ByteBufUtil.getBytes(other.buffer());
            }
        }

        @Test
        void aFailureDeepInsideABodyLeavesNothingForTheNextOne() throws Exception {
            String good = "[{\"a\":{\"b\":[1,2,{\"c\":\"x\\ny\"}]},\"d\":1.25},{\"e\":\"f\"}]";
            byte[] expected = fresh(good);
            String[] bad = {"{\"a\":{\"b\":[1,2,{\"c\":", "{\"a\":[[[[", "{\"a\":\"unterminated", "{\"a\":1}]",
                "{\"a\":tru}", "[{\"a\":1},2]", "{\"a\":\"x\u0001y\"}"};
            for (String b : bad) {
                assertThatThrownBy(() -> json(b)).as(b).isInstanceOf(RecordException.class);
                encoder.reset();
                json(good);
                assertThat(ByteBufUtil.getBytes(encoder.buffer())).as("after %s", b).isEqualTo(expected);
                encoder.reset();
            }
        }

        @Test
        void errorsReadAsFromAFreshParser() throws Exception {
            String bad = "{\"a\":1,\n\"b\":x}";
            String freshMessage;
            try (LogEventEncoder other = new LogEventEncoder(UnpooledByteBufAllocator.DEFAULT, new EncoderStats())) {
                ByteBuf buf = Events.heap(bad);
                try {
                    other.encodeJson(buf, CTX);
                    throw new AssertionError("accepted " + bad);
                } catch (RecordException e) {
                    freshMessage = e.getMessage();
                } finally {
                    buf.release();
                }
            }
            json("{\"warm\":\"up\"}");
            encoder.reset();
            assertThat(freshMessage).contains("at byte 14");
            assertThatThrownBy(() -> json(bad)).hasMessage(freshMessage);
        }

        @Test
        void aByteOrderMarkIsSkippedOnStreamedDirectBodiesToo() throws Exception {
            String records = "{\"k\":\"" + "v".repeat(30_000) + "\"}";
            byte[] body = ("\ufeff" + records).getBytes(StandardCharsets.UTF_8);
            ByteBuf direct = UnpooledByteBufAllocator.DEFAULT.directBuffer(body.length).writeBytes(body);
            try {
                assertThat(encoder.encodeJson(direct, CTX).records()).isEqualTo(1);
            } finally {
                direct.release();
            }
            assertThat(ByteBufUtil.getBytes(encoder.buffer())).isEqualTo(fresh(records));
        }

        @Test
        void clientsInventingFieldNamesGetTheParserReplacedNotGrown() throws Exception {
            for (int i = 0; i <= RawJsonParser.MAX_NAMES + 100; i++) {
                json("{\"name" + i + "\":" + i + "}");
                encoder.reset();
            }
            assertThat(encoder.parsersCreated()).isEqualTo(2);
            json("{\"name7\":7}");
            assertThat(Events.decodeAll(encoder.buffer()).get(0).record().toJson()).isEqualTo("{\"name7\":7}");
        }
    }

    @Nested
    class Rejects {
        @Test
        void malformedElementInTheMiddleOfAnArrayKeepsNothing() throws Exception {
            json("{\"before\":1}");
            int before = encoder.buffer().writerIndex();
            for (String bad : List.of("[{\"a\":1},{\"b\":2},3,{\"c\":4}]", "[{\"a\":1},{\"b\":2},{\"c\":}]",
                    "[{\"a\":1},[{\"b\":2}]]", "[{\"a\":1},\"s\"]")) {
                assertThatThrownBy(() -> json(bad)).as(bad).isInstanceOf(RecordException.class);
                assertThat(encoder.buffer().writerIndex()).as(bad).isEqualTo(before);
            }
            assertThatThrownBy(() -> json("[{\"a\":1},3]")).hasMessageContaining("array element 1 is not an object");
            assertThat(Events.recordsJson(encoder.buffer())).containsExactly("{\"before\":1}");
        }

        @Test
        void scalarsTruncatedAndTrailingGarbageAreRejected() {
            for (String bad : List.of("42", "\"s\"", "true", "null", "{\"a\":", "{\"a\":1", "[{\"a\":1}",
                    "{\"a\":1} xyz", "{\"a\":1}]", "{\"a\":1} 5", "nope", "   ", "{'a':1}", "{\"a\":NaN}")) {
                assertThatThrownBy(() -> json(bad)).as(bad).isInstanceOf(RecordException.class);
                assertThat(encoder.buffer().writerIndex()).as(bad).isZero();
            }
        }

        @Test
        void invalidUtf8IsRejected() {
            for (byte[] bad : List.of(bytes("{\"a\":\"x", 0xC3, 0x28, "\"}"), bytes("{\"a\":\"", 0xFF, "\"}"),
                    bytes("{\"k", 0xE2, 0x82, "\":1}"), bytes("{\"a\":\"", 0xC3, "\"}"),
                    bytes("{\"a\":\"", 0xC0, 0x80, "\"}"), bytes("{\"a\":\"", 0xED, 0xA0, 0x80, "\"}"),
                    bytes("{\"a\":\"", 0xF4, 0x90, 0x80, 0x80, "\"}"), bytes("{\"k", 0xFF, "\":1}"))) {
                ByteBuf body = Unpooled.wrappedBuffer(bad);
                try {
                    assertThatThrownBy(() -> encoder.encodeJson(body, CTX)).isInstanceOf(RecordException.class)
                            .hasMessageContaining("UTF-8");
                } finally {
                    body.release();
                }
                assertThat(encoder.buffer().writerIndex()).isZero();
            }
        }

        @Test
        void deepNestingIsARecordExceptionNotAStackOverflow() {
            String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
            assertThatThrownBy(() -> json(deep)).isInstanceOf(RecordException.class)
                    .hasCauseInstanceOf(StreamConstraintsException.class).hasMessageContaining("nesting depth");
            String deepObjects = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
            assertThatThrownBy(() -> json(deepObjects)).isInstanceOf(RecordException.class);
            assertThat(encoder.buffer().writerIndex()).isZero();
        }

        @Test
        void encoderWorksNormallyAfterAFailure() throws Exception {
            String big = "{\"a\":\"" + "y".repeat(20_000) + "\",\"b\":[1,2,";
            assertThatThrownBy(() -> json(big)).isInstanceOf(RecordException.class);
            json("{\"a\":\"1\",\"n\":42}");
            assertThat(ByteBufUtil.hexDump(encoder.buffer())).isEqualTo(
                    "9292d7006553f100075bcd1580df00000002a161a131a16e2a");
        }

        private byte[] bytes(Object... parts) {
            var out = new java.io.ByteArrayOutputStream();
            for (Object p : parts) {
                if (p instanceof String s) {
                    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write((Integer) p);
                }
            }
            return out.toByteArray();
        }
    }
}
