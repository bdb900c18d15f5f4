package dev.plateau.collector;

import java.util.List;

/**
 * Line format of the file output ({@code file_format}; Fluent Bit's out_file {@code Format}):
 * {@link #OUT_FILE} is {@code tag: [sec.nsec, {json}]}, {@link #JSON_LINES} one JSON record per line
 * (out_file's {@code plain}).
 */
public enum FileFormat implements OptionType.Choice {
    OUT_FILE, JSON_LINES;

    @Override
    public List<String> aliases() {
        return this == JSON_LINES ? List.of("plain") : List.of();
    }
}
