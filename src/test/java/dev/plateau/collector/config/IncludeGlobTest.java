package dev.plateau.collector.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code @INCLUDE} globs: glob(3)'s {@code *} and {@code ?}, in time linear in the name whatever the stars. */
class IncludeGlobTest {
    @Test
    void starsAndQuestionMarks_matchAsGlob3Does() {
        assertThat(ClassicConfigReader.globMatches("*.conf", "inputs.conf")).isTrue();
        assertThat(ClassicConfigReader.globMatches("*.conf", "inputs.conf.bak")).isFalse();
        assertThat(ClassicConfigReader.globMatches("in?uts.conf", "inputs.conf")).isTrue();
        assertThat(ClassicConfigReader.globMatches("in*s*.conf", "inputs.conf")).isTrue();
        assertThat(ClassicConfigReader.globMatches("*", "")).isTrue();
        assertThat(ClassicConfigReader.globMatches("a*b", "ab")).isTrue();
        assertThat(ClassicConfigReader.globMatches("a*b", "a")).isFalse();
        assertThat(ClassicConfigReader.globMatches("*.conf", ".hidden.conf")).as("a leading dot needs a dot").isFalse();
        assertThat(ClassicConfigReader.globMatches(".*.conf", ".hidden.conf")).isTrue();
        assertThat(ClassicConfigReader.globMatches("[ab].conf", "a.conf")).as("brackets are literal").isFalse();
    }

    /** The fuzzer's input: {@code *fl} and 60 more stars before {@code uent-bit.conf}, against a name that fails late. */
    @Test
    void manyStars_doNotBacktrackForever() {
        String pattern = "*fl" + "*".repeat(60) + "uent-bit.conf";
        String name = "fl" + "u".repeat(200) + "x";
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            assertThat(ClassicConfigReader.globMatches(pattern, name)).isFalse();
            assertThat(ClassicConfigReader.globMatches(pattern, "fluent-bit.conf")).isTrue();
        }
        // a correctness test first; the bound only catches exponential backtracking (the JDK's took > 25 minutes)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
}
