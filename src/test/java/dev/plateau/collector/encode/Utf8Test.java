package dev.plateau.collector.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void agreesWithNettysStrictValidatorOnEdgeCases() {
        int[][] cases = {{0x41}, {0xFF}, {0xC3, 0x28}, {0xC0, 0x80}, {0xC1, 0xBF}, {0xED, 0xA0, 0x80},
            {0xED, 0x9F, 0xBF}, {0xF4, 0x90, 0x80, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF}, {0xE2, 0x82}, {0x80},
            {0xC3, 0xA9}, {0xF0, 0x9F, 0x98, 0x80}, {0xE0, 0x80, 0x80}, {0xE0, 0xA0, 0x80}, {0xF0, 0x80, 0x80, 0x80},
            {0xF5, 0x80, 0x80, 0x80}, {0xE2, 0x82, 0xAC}};
        for (int[] c : cases) {
            byte[] b = new byte[c.length + 2];
            b[0] = 'x';
            for (int i = 0; i < c.length; i++) {
                b[i + 1] = (byte) c[i];
            }
            b[b.length - 1] = 'y';
            check(b);
        }
    }

    @Test
    void agreesWithNettyOnRandomBytesInEveryBufferShape() {
        Random r = new Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[r.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : "a\u00e9\u20ac\ud83d\ude00".getBytes()[r.nextInt(10)]);
            }
            check(b);
        }
    }

    @Test
    void sequencesCutAcrossCompositeComponentsAndChunksAreJoined() {
        byte[] text = "\u20ac\ud83d\ude00".repeat(5000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CompositeByteBuf c = Unpooled.compositeBuffer();
        c.addComponent(true, Unpooled.wrappedBuffer(text, 0, 7));
        c.addComponent(true, Unpooled.wrappedBuffer(text, 7, text.length - 7));
        try {
            assertThat(Utf8.isValid(c)).isTrue();
            c.writeByte(0xE2);
            assertThat(Utf8.isValid(c)).isFalse();
        } finally {
            c.release();
        }
    }

    private static void check(byte[] b) {
        boolean expected = ByteBufUtil.isText(Unpooled.wrappedBuffer(b), java.nio.charset.StandardCharsets.UTF_8);
        ByteBuf heap = Unpooled.wrappedBuffer(b);
        ByteBuf direct = Unpooled.directBuffer(b.length + 1).writeBytes(b);
        CompositeByteBuf comp = Unpooled.compositeBuffer();
        int half = b.length / 2;
        comp.addComponent(true, Unpooled.wrappedBuffer(b, 0, half));
        comp.addComponent(true, Unpooled.wrappedBuffer(b, half, b.length - half));
        try {
            assertThat(Utf8.isValid(heap)).as(ByteBufUtil.hexDump(b)).isEqualTo(expected);
            assertThat(Utf8.isValid(direct)).as(ByteBufUtil.hexDump(b)).isEqualTo(expected);
            assertThat(Utf8.isValid(comp)).as(ByteBufUtil.hexDump(b)).isEqualTo(expected);
        } finally {
            heap.release();
            direct.release();
            comp.release();
        }
    }
}
