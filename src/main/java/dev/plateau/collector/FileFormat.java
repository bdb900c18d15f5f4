package dev.plateau.collector;

import java.util.List;

/**
 * Line format of the file output ({@code file_format}; Fluent Bit's out_file {@code Format}):
 * {@link #OUT_FILE} is {@code tag: [sec.nsec, {json}]}, {@link #JSON_LINES} one JSON record per line
 * (out_file's {@code plain}).
 */
public enum FileFormat implements OptionType.Choice {
    OUT_FILE("out_file"), JSON_LINES("json_lines", "plain");

    private final String text;
    private final List<String> aliases;

    FileFormat(String text, String... aliases) {
        this.text = text;
        this.aliases = List.of(aliases);
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }
}
