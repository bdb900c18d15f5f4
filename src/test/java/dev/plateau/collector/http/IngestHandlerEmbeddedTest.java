package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.Chunk;
import dev.plateau.collector.CollectorConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link IngestHandler} behind the real pipeline on an {@code EmbeddedChannel}: request bytes in, answer bytes out. */
class IngestHandlerEmbeddedTest {
    private final EmbeddedPipeline p = new EmbeddedPipeline(CollectorConfig.builder().port(0).http2(false).build());

    @AfterEach
    void finish() {
        p.close();
    }

    @Test
    void jsonArray_answers201AndQueuesOneChunkPerTag() {
        p.send(EmbeddedPipeline.post("/app.logs", "application/json", "[{\"a\":1},{\"b\":2}]"));

        assertThat(p.received()).startsWith("HTTP/1.1 201 Created\r\n");
        List<Chunk> chunks = p.queue.drain();
        assertThat(chunks).extracting(Chunk::tag).containsExactly("app.logs");
        assertThat(chunks.get(0).records()).isEqualTo(2);
        chunks.forEach(c -> {
            p.queue.done(c);
            c.data().release();
        });
        assertThat(p.channel.isOpen()).isTrue();
    }

    @Test
    void missingContentType_answers400WithFluentBitsMessage() {
        p.send(EmbeddedPipeline.post("/", null, "{}"));

        assertThat(p.received()).startsWith("HTTP/1.1 400 Bad Request\r\n")
                .endsWith("error: header 'Content-Type' is not set\n");
        assertThat(p.queue.size()).isZero();
    }

    @Test
    void getMethod_answers400InvalidMethod() {
        p.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(p.received()).startsWith("HTTP/1.1 400 Bad Request\r\n").endsWith("error: invalid HTTP method\n");
    }

    @Test
    void truncatedJson_answers400AndCommitsNothing() {
        p.send(EmbeddedPipeline.post("/", "application/json", "[{\"a\":1},{\"b\""));

        assertThat(p.received()).endsWith("error: unable to process records\n");
        assertThat(p.queue.size()).isZero();
        assertThat(p.context.counters().recordsInTotal()).isZero();
    }

    @Test
    void formBody_isOneRecord() {
        p.send(EmbeddedPipeline.post("/", "application/x-www-form-urlencoded", "a=1&b=2"));

        assertThat(p.received()).startsWith("HTTP/1.1 201 Created\r\n");
        assertThat(p.context.counters().recordsInTotal()).isEqualTo(1);
    }

    @Test
    void threeKeepAliveRequests_areAnsweredInOrderOnOneConnection() {
        String one = EmbeddedPipeline.post("/", "application/json", "{\"n\":1}");
        p.send(one);
        p.send(one);
        p.send(one);

        assertThat(p.received().split("HTTP/1.1 201 Created", -1)).hasSize(4);
        assertThat(p.channel.isOpen()).isTrue();
    }
}
