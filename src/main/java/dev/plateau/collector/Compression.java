package dev.plateau.collector;

import java.util.List;

/** Body compression of the http output ({@code output_compress}; Fluent Bit's out_http {@code compress}). */
public enum Compression implements OptionType.Choice {
    NONE("none", "off", "false", ""), GZIP("gzip");

    private final String text;
    private final List<String> aliases;

    Compression(String text, String... aliases) {
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
