package dev.plateau.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadTest {
    @TempDir
    Path dir;

    @Test
    void fromFile_jsonExtensionIsJson() throws Exception {
        Path file = Files.writeString(dir.resolve("one.json"), "{\"a\":1}\n");
        Payload p = Payload.fromFile(file);
        assertThat(p.contentType()).isEqualTo(Payload.JSON);
        assertThat(new String(p.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n");
        assertThat(p.contentEncoding()).isNull();
    }

    @Test
    void fromFile_formAndTxtAreFormUrlencodedWithoutTrailingNewline() throws Exception {
        for (String name : new String[] {"a.form", "b.txt"}) {
            Payload p = Payload.fromFile(Files.writeString(dir.resolve(name), "level=info&msg=hello\n"));
            assertThat(p.contentType()).isEqualTo(Payload.FORM);
            assertThat(new String(p.body(), StandardCharsets.UTF_8)).isEqualTo("level=info&msg=hello");
        }
    }

    @Test
    void fromFile_otherExtensionsAreSniffed() throws Exception {
        assertThat(Payload.fromFile(Files.writeString(dir.resolve("x.log"), " [{\"a\":1}]")).contentType())
                .isEqualTo(Payload.JSON);
        assertThat(Payload.fromFile(Files.writeString(dir.resolve("y.dat"), "a=1")).contentType())
                .isEqualTo(Payload.FORM);
        Path neither = Files.writeString(dir.resolve("z.bin"), "hello");
        assertThatThrownBy(() -> Payload.fromFile(neither)).hasMessageStartingWith("--payload:");
    }

    @Test
    void fromFile_missingFileNamesTheFlag() {
        assertThatThrownBy(() -> Payload.fromFile(dir.resolve("absent.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--payload: cannot read");
    }

    @Test
    void gzip_roundTripsAndSetsTheEncoding() throws Exception {
        byte[] plain = PayloadGenerator.jsonArray(100, 1);
        Payload gz = new Payload(plain, Payload.JSON, null).gzip();
        assertThat(gz.contentEncoding()).isEqualTo("gzip");
        assertThat(gz.body().length).isLessThan(plain.length / 2);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        assertThat(gz.gzip()).isSameAs(gz);
    }

    @Test
    void forSpec_generatesTheLinesAndCompressesWhenAsked() {
        BurstSpec spec = new BurstSpec(URI.create("http://127.0.0.1:1/"), 1, 0, 0, 1, 0, false, false, 3, null,
                true, null, Duration.ofSeconds(1));
        Payload p = Payload.forSpec(spec);
        assertThat(p.contentEncoding()).isEqualTo("gzip");
        assertThat(p.contentType()).isEqualTo(Payload.JSON);
    }

    @Test
    void samplePayloadsLoad() throws Exception {
        Payload logs = Payload.fromFile(Path.of("samples/payloads/app-logs-10.json"));
        assertThat(logs.contentType()).isEqualTo(Payload.JSON);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(logs.body()).size()).isEqualTo(10);
        assertThat(Payload.fromFile(Path.of("samples/payloads/form.txt")).contentType()).isEqualTo(Payload.FORM);
        assertThat(Payload.fromFile(Path.of("samples/payloads/one-record.json")).contentType()).isEqualTo(Payload.JSON);
    }
}
