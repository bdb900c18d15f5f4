package dev.plateau.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TagRulesTest {

    @Test
    void replacesEveryNonTagCharWithoutUrlDecoding() {
        assertThat(TagRules.fromUri("/a%20b$c/d?x=1", "http.0")).isEqualTo("a_20b_c_d");
    }

    @Test
    void rootPathMeansDefaultTag() {
        assertThat(TagRules.fromUri("/", "http.0")).isEqualTo("http.0");
        assertThat(TagRules.fromUri("/?x=1", "http.0")).isEqualTo("http.0");
        assertThat(TagRules.fromUri("", "mytag")).isEqualTo("mytag");
    }

    @Test
    void keepsLettersDigitsUnderscoreAndDot() {
        assertThat(TagRules.fromUri("/app.log_v2", "http.0")).isEqualTo("app.log_v2");
    }

    @Test
    void dropsQueryButKeepsTrailingSlashAsUnderscore() {
        assertThat(TagRules.fromUri("/logs/?a=b", "http.0")).isEqualTo("logs_");
    }
}
