package dev.plateau.collector.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plateau.testing.FuzzBudget;
import java.io.IOException;

/**
 * Fuzzes YAML Fluent Bit configurations ({@link YamlConfigReader} through {@link FluentBitConfig#load}) with the
 * same oracle as {@link ClassicConfigFuzzTest}: loaded, or one {@code file[:line]: message} line; next to a valid
 * {@code other.yaml} for {@code includes:}.
 */
class YamlConfigFuzzTest {
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void yamlFileLoadsOrFailsWithFileLineMessage(byte[] text) throws IOException {
        ConfigFiles.check(text, "fluent-bit.yaml", "other.yaml", "pipeline:\n  outputs:\n    - name: null\n");
    }
}
