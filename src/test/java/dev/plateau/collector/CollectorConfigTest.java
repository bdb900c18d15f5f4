package dev.plateau.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CollectorConfigTest {

    @Test
    void defaultsAreFluentBit51sExceptLoopback() {
        CollectorConfig c = CollectorConfig.builder().build();
        assertThat(c.listen()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(9880);
        assertThat(c.bufferChunkSize()).isEqualTo(512_000);
        assertThat(c.bufferMaxSize()).isEqualTo(4_000_000);
        assertThat(c.successfulResponseCode()).isEqualTo(201);
        assertThat(c.shrink()).isFalse();
        assertThat(c.reinit()).isFalse();
        assertThat(c.profile()).isEqualTo(Profile.FLUENT_BIT_5_1);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.memBufLimit()).isZero();
        assertThat(c.trim()).isFalse();
        assertThat(c.remoteAddrKey()).isEqualTo("REMOTE_ADDR");
        assertThat(c.tag()).isEqualTo("http.0");
    }

    @Test
    void chunkLargerThanMax_isRejectedNamingBoth() {
        assertThatThrownBy(() -> CollectorConfig.builder().bufferChunkSize(5_000_000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buffer_chunk_size").hasMessageContaining("buffer_max_size");
    }

    @Test
    void portOutOfRange_isRejected() {
        assertThatThrownBy(() -> CollectorConfig.builder().port(70000).build()).hasMessageContaining("port");
    }

    @Test
    void successCode_onlyTwoHundredTwoHundredOneTwoHundredFour() {
        assertThatThrownBy(() -> CollectorConfig.builder().successfulResponseCode(202).build())
                .hasMessageContaining("successful_response_code");
        java.util.List<String> warnings = new java.util.ArrayList<>();
        assertThat(CollectorOptions.SUCCESSFUL_RESPONSE_CODE.read("202", warnings::add)).isEqualTo(201);
        assertThat(warnings).containsExactly("successful_response_code 202 is not 200, 201 or 204; using 201");
        assertThat(CollectorOptions.SUCCESSFUL_RESPONSE_CODE.read("204", warnings::add)).isEqualTo(204);
    }

    @Test
    void output_mustBeKnownKind() {
        assertThatThrownBy(() -> CollectorConfig.builder().output("kafka").build()).hasMessageContaining("output");
        assertThat(CollectorConfig.builder().output("file:/tmp/x").build().output()).isEqualTo("file:/tmp/x");
    }

    @Test
    void successHeader_parsesFluentBitForm() {
        CollectorConfig.Header h = CollectorConfig.Header.parse("X-Custom  yes please");
        assertThat(h.name()).isEqualTo("X-Custom");
        assertThat(h.value()).isEqualTo("yes please");
        assertThatThrownBy(() -> CollectorConfig.Header.parse("novalue")).hasMessageContaining("Name Value");
        assertThatThrownBy(() -> CollectorConfig.builder().successHeaders(java.util.List.of(CollectorConfig.Header.parse("X-A 1")))
                .set(CollectorOptions.SUCCESS_HEADER, null)).hasMessageContaining("success_header");
    }

    @Test
    void authorizes_exactBearerTokenOnly() {
        CollectorConfig open = CollectorConfig.builder().build();
        CollectorConfig locked = CollectorConfig.builder().bearerToken("s3cret").build();
        assertThat(open.authorizes(null)).isTrue();
        assertThat(locked.authorizes("Bearer s3cret")).isTrue();
        assertThat(locked.authorizes(null)).isFalse();
        assertThat(locked.authorizes("Bearer s3cre")).isFalse();
        assertThat(locked.authorizes("bearer s3cret")).isFalse();
        assertThat(locked.authorizes("Bearer s3cret ")).isFalse();
    }

    @Test
    void profile_setsTheDefaultsItOwnsButNotThoseGivenExplicitly_inEitherOrder() {
        CollectorConfig legacy = CollectorConfig.builder().profile(Profile.FLUENT_BIT_4).build();
        assertThat(legacy.bufferModel()).isEqualTo(BufferModel.LEGACY);
        assertThat(legacy.idleTimeout()).isZero();
        assertThat(legacy.memBufLimit()).isZero();
        CollectorConfig before = CollectorConfig.builder().idleTimeout(Duration.ofSeconds(3))
                .profile(Profile.FLUENT_BIT_4).build();
        CollectorConfig after = CollectorConfig.builder().profile(Profile.FLUENT_BIT_4)
                .idleTimeout(Duration.ofSeconds(3)).build();
        assertThat(before.idleTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(after.idleTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(before.bufferModel()).isEqualTo(BufferModel.LEGACY);
    }

    @Test
    void toBuilder_keepsAValueThatDiffersFromItsProfileWhenTheProfileChanges() {
        CollectorConfig v5OnFour = CollectorConfig.builder().profile(Profile.FLUENT_BIT_4).bufferModel(BufferModel.V5).build();
        CollectorConfig back = v5OnFour.toBuilder().profile(Profile.FLUENT_BIT_5_1).profile(Profile.FLUENT_BIT_4).build();
        assertThat(back.bufferModel()).isEqualTo(BufferModel.V5);
        assertThat(back.idleTimeout()).isZero();
    }

    @Test
    void profileAndTrim_areCatalogueOptions_trimLive_profileNot() {
        assertThat(CollectorOptions.TRIM.live()).isTrue();
        assertThat(CollectorOptions.PROFILE.live()).isFalse();
        assertThat(CollectorOptions.PROFILE.read("fluent-bit-4", w -> { })).isEqualTo(Profile.FLUENT_BIT_4);
        assertThatThrownBy(() -> CollectorOptions.PROFILE.read("fluent-bit-3", w -> { }))
                .hasMessageContaining("fluent-bit-5.1, fluent-bit-4");
    }
}
