package dev.plateau.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plateau.collector.CollectorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FluentBitConfigTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void samples_classicAndYamlGiveTheSameSeedSetup() throws Exception {
        CollectorConfig conf = FluentBitConfig.load(Path.of("samples/fluent-bit.conf"), Map.of()).builder().build();
        CollectorConfig yaml = FluentBitConfig.load(Path.of("samples/fluent-bit.yaml"), Map.of()).builder().build();
        assertThat(conf).isEqualTo(yaml);
        assertThat(conf.bufferChunkSize()).isEqualTo(1_000_000);
        assertThat(conf.bufferMaxSize()).isEqualTo(8_000_000);
        assertThat(conf.port()).isEqualTo(9880);
        assertThat(conf.monitorPort()).isEqualTo(2020);
        assertThat(conf.output()).isEqualTo("null");
        assertThat(conf.shrink()).isFalse();
        assertThat(FluentBitConfig.load(Path.of("samples/fluent-bit.conf"), Map.of()).warnings()).isEmpty();
    }

    @Test
    void classic_keysAreCaseInsensitiveAndIncludesAndEnvWork() throws Exception {
        write("out.conf", "[OUTPUT]\n    Name file\n    Match *\n    Path ${OUT_DIR}\n    File records.log\n");
        Path main = write("main.conf", """
                [SERVICE]
                    FLUSH 0.5
                @SET CHUNK=64K
                [INPUT]
                    NAME http
                    PORT 9999
                    Buffer_Chunk_Size ${CHUNK}
                    success_header X-Custom custom-answer
                    success_header X-Other yes
                    Tag_Key app
                    Idle_Timeout 10s
                @INCLUDE out.conf
                """);
        FluentBitConfig fb = FluentBitConfig.load(main, Map.of("OUT_DIR", "/tmp/plateau-out"));
        CollectorConfig c = fb.builder().build();
        assertThat(c.flush()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.port()).isEqualTo(9999);
        assertThat(c.bufferChunkSize()).isEqualTo(64_000);
        assertThat(c.successHeaders()).extracting(CollectorConfig.Header::name).containsExactly("X-Custom", "X-Other");
        assertThat(c.tagKey()).isEqualTo("app");
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.output()).isEqualTo("file:/tmp/plateau-out/records.log");
        assertThat(c.monitorPort()).isZero();
        assertThat(fb.warnings()).isEmpty();
    }

    @Test
    void unknownKey_isAWarningNamingKeyAndLine() throws Exception {
        Path f = write("w.conf", "[INPUT]\n    Name http\n    Bufer_Size 4M\n[OUTPUT]\n    Name null\n    Match *\n");
        FluentBitConfig fb = FluentBitConfig.load(f, Map.of());
        assertThat(fb.warnings()).singleElement().asString()
                .contains("w.conf:3:").contains("'bufer_size'");
    }

    @Test
    void invalidValue_failsWithFileAndLine() throws IOException {
        Path f = write("bad.conf", "[INPUT]\n    Name http\n    Port 9880\n    Buffer_Max_Size lots\n");
        assertThatThrownBy(() -> FluentBitConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":4: buffer_max_size:");
    }

    /** Found by ClassicConfigFuzzTest: a NUL in a file output's Path escaped as an unchecked InvalidPathException. */
    @Test
    void fileOutputPathThatIsNoFileName_failsWithFileAndLine() throws IOException {
        Path f = write("nul.conf", "[INPUT]\n    Name http\n[OUTPUT]\n    Name file\n    Match *\n    Path a\u0000b\n");
        assertThatThrownBy(() -> FluentBitConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":3: [OUTPUT] file: 'a\\x00b' / 'http.0' is not a file name");
    }

    @Test
    void yaml_invalidValueFailsWithItsLine() throws IOException {
        Path f = write("bad.yaml", "pipeline:\n  inputs:\n    - name: http\n      port: 99999\n");
        assertThatThrownBy(() -> FluentBitConfig.load(f, Map.of()))
                .hasMessageStartingWith(f + ":4: port: must be 0-65535");
    }

    @Test
    void successCodeNotAllowed_fallsBackTo201WithWarning() throws Exception {
        Path f = write("c.conf", "[INPUT]\n    Name http\n    successful_response_code 202\n");
        FluentBitConfig fb = FluentBitConfig.load(f, Map.of());
        assertThat(fb.builder().build().successfulResponseCode()).isEqualTo(201);
        assertThat(fb.warnings()).anySatisfy(w -> assertThat(w).contains("c.conf:3:").contains("202"));
    }

    @Test
    void missingHttpInput_isAnError() throws IOException {
        Path f = write("none.conf", "[INPUT]\n    Name dummy\n");
        assertThatThrownBy(() -> FluentBitConfig.load(f, Map.of())).hasMessageContaining("no [INPUT] with Name http");
    }

    @Test
    void includeCycle_isAnErrorNotAStackOverflow() throws IOException {
        Path f = write("loop.conf", "[INPUT]\n    Name http\n@INCLUDE loop.conf\n");
        assertThatThrownBy(() -> FluentBitConfig.load(f, Map.of())).hasMessageContaining("cycle");
    }

    @Test
    void chunkLargerThanMax_isReportedForTheFile() throws IOException {
        Path f = write("sz.conf", "[INPUT]\n    Name http\n    buffer_chunk_size 8M\n    buffer_max_size 1M\n");
        assertThatThrownBy(() -> FluentBitConfig.load(f, Map.of()))
                .hasMessageContaining("sz.conf").hasMessageContaining("buffer_chunk_size");
    }

    @Test
    void yaml_includesAndEnvBlock() throws Exception {
        write("outputs.yaml", "pipeline:\n  outputs:\n    - name: http\n      match: '*'\n      host: 127.0.0.1\n      port: 8081\n      uri: /ingest\n");
        Path f = write("m.yaml", "env:\n  PORT: 9100\nincludes:\n  - outputs.yaml\npipeline:\n  inputs:\n    - name: http\n      port: ${PORT}\n");
        CollectorConfig c = FluentBitConfig.load(f, Map.of()).builder().build();
        assertThat(c.port()).isEqualTo(9100);
        assertThat(c.output()).isEqualTo("http://127.0.0.1:8081/ingest");
    }

    @Test
    void plateauProfileAndTrimKeys_setTheProfileItsDefaultsAndTrim() throws Exception {
        Path f = write("p.conf", "[INPUT]\n    Name http\n    plateau.profile fluent-bit-4\n    plateau.trim on\n");
        FluentBitConfig fb = FluentBitConfig.load(f, Map.of());
        CollectorConfig c = fb.builder().build();
        assertThat(fb.warnings()).isEmpty();
        assertThat(c.profile()).isEqualTo(dev.plateau.collector.Profile.FLUENT_BIT_4);
        assertThat(c.bufferModel()).isEqualTo(dev.plateau.collector.BufferModel.LEGACY);
        assertThat(c.idleTimeout()).isZero();
        assertThat(c.trim()).isTrue();
    }

    @Test
    void plateauProfile_keepsAnOwnedKeyTheFileGivesBeforeIt() throws Exception {
        Path f = write("q.conf", "[INPUT]\n    Name http\n    idle_timeout 3s\n    plateau.profile fluent-bit-4\n");
        CollectorConfig c = FluentBitConfig.load(f, Map.of()).builder().build();
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.bufferModel()).isEqualTo(dev.plateau.collector.BufferModel.LEGACY);
    }
}
