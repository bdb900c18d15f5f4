package dev.plateau.collector.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.testing.UserMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The config fuzz tests' oracle: write the bytes as a config file in a fresh directory, load, judge the outcome. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static void check(byte[] text, String name, String includedName, String included) throws IOException {
        Path dir = Files.createTempDirectory("fuzz-config");
        try {
            Path file = dir.resolve(name);
            Files.write(file, text);
            Files.writeString(dir.resolve(includedName), included, StandardCharsets.UTF_8);
            FluentBitConfig loaded;
            try {
                loaded = FluentBitConfig.load(file, Map.of("HOST", "127.0.0.1"));
            } catch (ConfigException e) {
                // the file at fault: this config, or an absolute file it included (@INCLUDE /*)
                UserMessages.assertOneLine(e.getMessage(), e.getMessage().startsWith(dir.toString()) ? dir.toString() : "/");
                assertThat(e.getMessage()).matches("\\S+(:\\d+)?: .+");
                return;
            }
            for (String w : loaded.warnings()) {
                UserMessages.assertOneLine(w, w.startsWith(dir.toString()) ? dir.toString() : "/");
            }
            try {
                assertThat(loaded.builder().build()).isNotNull();
            } catch (IllegalArgumentException e) {
                UserMessages.assertOneLine(e.getMessage(), "");
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
