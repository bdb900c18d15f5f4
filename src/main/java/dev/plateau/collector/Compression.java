package dev.plateau.collector;

import java.util.List;

/** Body compression of the http output ({@code output_compress}; Fluent Bit's out_http {@code compress}). */
public enum Compression implements OptionType.Choice {
    NONE, GZIP;

    @Override
    public List<String> aliases() {
        return this == NONE ? List.of("off", "false", "") : List.of();
    }
}
