package dev.plateau.collector.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plateau.testing.FuzzBudget;
import java.io.IOException;

/**
 * Fuzzes classic Fluent Bit {@code .conf} files ({@link ClassicConfigReader} through {@link FluentBitConfig#load}):
 * any bytes load, or fail with a {@link ConfigException} reading {@code file[:line]: message} on one line; no other
 * exception escapes, warnings follow the same rule, and a loaded file builds a {@code CollectorConfig} or fails
 * with a one-line {@link IllegalArgumentException}. The file sits next to a valid {@code other.conf} that
 * {@code @INCLUDE} can reach; {@code ${HOST}} is defined, anything else is not.
 */
class ClassicConfigFuzzTest {
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void classicFileLoadsOrFailsWithFileLineMessage(byte[] text) throws IOException {
        ConfigFiles.check(text, "fluent-bit.conf", "other.conf", "[OUTPUT]\n    Name null\n    Match *\n");
    }
}
