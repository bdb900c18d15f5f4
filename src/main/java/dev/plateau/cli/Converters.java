package dev.plateau.cli;

import dev.plateau.collector.Sizes;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for Fluent Bit sizes ({@code 512K}), durations ({@code 10s}) and {@code on|off} switches. */
final class Converters {
    private Converters() {
    }

    /** Decimal Fluent Bit size: {@code 512K} = 512,000 bytes. */
    static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Sizes.parseSize(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, a bare number is seconds. */
    static final class Time implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Sizes.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code on} / {@code off} (Fluent Bit also accepts {@code true/false}, {@code yes/no}). */
    static final class OnOff implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "on", "true", "yes" -> true;
                case "off", "false", "no" -> false;
                default -> throw new TypeConversionException("'" + value + "' must be on or off");
            };
        }
    }
}
