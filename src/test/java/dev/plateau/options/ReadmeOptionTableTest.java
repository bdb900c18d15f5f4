package dev.plateau.options;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.CollectorOption;
import dev.plateau.collector.CollectorOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's table of {@code plateau collect} flags is generated from {@link CollectorOptions}: this test renders
 * the table and fails when the README's copy (between the {@code options:begin}/{@code options:end} markers)
 * differs. Run with {@code -Dreadme.update=true} to write the rendered table into the README.
 */
class ReadmeOptionTableTest {
    private static final Path README = Path.of("README.md");
    private static final String BEGIN = "<!-- options:begin (generated from CollectorOptions by ReadmeOptionTableTest) -->\n";
    private static final String END = "<!-- options:end -->\n";

    static String table() {
        return "| flag | Fluent Bit key | default | live | meaning |\n|---|---|---|---|---|\n"
                + CollectorOptions.ALL.stream().map(ReadmeOptionTableTest::row).collect(Collectors.joining());
    }

    private static String row(CollectorOption<?> o) {
        String value = o.defaultValue() instanceof Boolean ? "[=on\\|off]" : " " + o.type().label().replace("|", "\\|");
        String key = o.fileKey() == null ? "`[OUTPUT]` Name, Path/File or Host/Port/URI"
                : (o.section() == CollectorOption.Section.INPUT ? "" : "`[" + o.section() + "]` ") + "`" + o.fileKey() + "`";
        return "| `" + o.flag() + value + "` | " + key + " | `" + o.describeDefault() + "` | "
                + (o.live() ? "yes" : "") + " | " + o.doc().replace("|", "\\|") + " |\n";
    }

    @Test
    void readmeOptionTableIsTheCatalogue() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int from = readme.indexOf(BEGIN);
        int to = readme.indexOf(END);
        assertThat(from).as("README has the options:begin marker").isNotNegative();
        assertThat(to).as("README has the options:end marker").isGreaterThan(from);
        String expected = table();
        if (Boolean.getBoolean("readme.update")) {
            Files.writeString(README, readme.substring(0, from + BEGIN.length()) + expected + readme.substring(to),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(readme.substring(from + BEGIN.length(), to))
                .as("README option table (regenerate: mvn test -Dtest=ReadmeOptionTableTest -Dreadme.update=true)")
                .isEqualTo(expected);
    }
}
