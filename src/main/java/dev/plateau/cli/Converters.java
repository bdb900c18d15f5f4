package dev.plateau.cli;

import dev.plateau.collector.OptionType;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converter for Fluent Bit durations ({@code 10s}) in commands other than {@code collect}, whose flags
 * come from the option catalogue ({@link CatalogueFlags}).
 */
final class Converters {
    private Converters() {
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, a bare number is seconds. */
    static final class Time implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return OptionType.DURATION.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
