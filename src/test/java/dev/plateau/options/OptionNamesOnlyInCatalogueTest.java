package dev.plateau.options;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.CollectorOption;
import dev.plateau.collector.CollectorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Source scan: outside {@code CollectorOptions.java}, no string literal in {@code src/main/java} spells an option's
 * flag, its snake_case name, or its Fluent Bit key (comments are not scanned). One-word names such as
 * {@code port} or {@code tag} (and their flags) are ordinary words elsewhere (an http output's Port, a burst's
 * {@code --tag}, the bench's {@code --workers}), so they are checked only in the files that read collector options
 * and have no other option of that name: the CLI's catalogue flags, the config, the policies, the monitor and the
 * console's options.
 */
class OptionNamesOnlyInCatalogueTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Set<String> OPTION_READERS = Set.of("CollectCommand.java", "CatalogueFlags.java",
            "CollectorConfig.java", "Policies.java", "MonitorHandler.java", "CollectorViewModel.java", "AppOptions.java");

    @Test
    void noOptionNameFlagOrKeyIsSpelledOutsideTheCatalogue() throws IOException {
        Set<String> compound = new HashSet<>();
        Set<String> oneWord = new HashSet<>();
        for (CollectorOption<?> o : CollectorOptions.ALL) {
            (o.flag().substring(2).contains("-") ? compound : oneWord).add(o.flag());
            (o.name().contains("_") ? compound : oneWord).add(o.name());
            if (o.fileKey() != null) {
                (o.fileKey().matches(".*[_.].*") ? compound : oneWord).add(o.fileKey());
            }
        }
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = f.getFileName().toString();
                if (name.equals("CollectorOptions.java")) {
                    continue;
                }
                Matcher m = LITERAL.matcher(withoutComments(Files.readString(f)));
                while (m.find()) {
                    String lit = m.group(1);
                    if (compound.contains(lit) || OPTION_READERS.contains(name) && oneWord.contains(lit)) {
                        hits.add(MAIN.relativize(f) + ": \"" + lit + "\"");
                    }
                }
            }
        }
        assertThat(hits).as("option names spelled outside CollectorOptions").isEmpty();
    }

    @Test
    void theScanFindsALiteralWhenOneIsThere() {
        Matcher m = LITERAL.matcher(withoutComments("// \"port\"\n b.set(\"buffer_chunk_size\", \"a\\\"b\");"));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertThat(found).containsExactly("buffer_chunk_size", "a\\\"b");
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
    }
}
