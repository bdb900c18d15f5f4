package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

/** {@link ExpectContinue} alone on an {@code EmbeddedChannel}. */
class ExpectContinueTest {
    private static HttpRequest expecting(long contentLength) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        r.headers().set(HttpHeaderNames.EXPECT, "100-continue").set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        return r;
    }

    @Test
    void bodyWithinMax_gets100Continue() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExpectContinue(1000));

        ch.writeInbound(expecting(500));

        FullHttpResponse answer = ch.readOutbound();
        try {
            assertThat(answer.status()).isEqualTo(HttpResponseStatus.CONTINUE);
        } finally {
            answer.release();
        }
        HttpRequest passed = ch.readInbound();
        assertThat(passed.headers().contains(HttpHeaderNames.EXPECT)).isFalse();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void bodyOverMax_getsNoContinueAndGoesOnWithoutExpect() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExpectContinue(1000));

        ch.writeInbound(expecting(5000));

        assertThat((Object) ch.readOutbound()).isNull();
        HttpRequest passed = ch.readInbound();
        assertThat(passed.headers().contains(HttpHeaderNames.EXPECT)).isFalse();
        assertThat(passed.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(5000);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void requestWithoutExpect_passesUntouched() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExpectContinue(1000));
        HttpRequest plain = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");

        ch.writeInbound(plain);

        assertThat((Object) ch.readInbound()).isSameAs(plain);
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(ch.finish()).isFalse();
    }
}
