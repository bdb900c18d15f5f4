package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.CollectorConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** successful_response_code and success_header, on a real socket. */
class OptionsTest {

    @Test
    void answers204WithoutBodyAndSuccessHeaders() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.successfulResponseCode(204)
                .successHeaders(List.of(CollectorConfig.Header.parse("X-Ingest accepted"), CollectorConfig.Header.parse("X-Two 2"))));
                RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange(RawHttp.post("/", "application/json", "{\"a\":1}", ""));
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 204 No Content");
            assertThat(r.header("X-Ingest")).isEqualTo("accepted");
            assertThat(r.header("X-Two")).isEqualTo("2");
            assertThat(r.body()).isEmpty();
            RawHttp.Response again = raw.exchange(RawHttp.post("/", "application/json", "{\"a\":2}", ""));
            assertThat(again.status()).isEqualTo(204);
        }
    }

    @Test
    void answers200WhenConfigured() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.successfulResponseCode(200)); RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange(RawHttp.post("/", "application/json", "{\"a\":1}", ""));
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(r.header("Content-Length")).isEqualTo("0");
        }
    }

    @Test
    void successHeadersAreNotOnErrors() throws Exception {
        try (CollectorFixture fx = new CollectorFixture(b -> b.successHeaders(List.of(CollectorConfig.Header.parse("X-Ok yes"))));
                RawHttp raw = fx.raw()) {
            RawHttp.Response r = raw.exchange(RawHttp.post("/", "text/plain", "x", ""));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("X-Ok")).isNull();
        }
    }
}
