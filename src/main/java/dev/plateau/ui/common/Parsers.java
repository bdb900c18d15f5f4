package dev.plateau.ui.common;

import dev.plateau.collector.CollectorOption;
import dev.plateau.collector.CollectorOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.Function;

/**
 * Parsers for {@link ValidatedField}s. Each throws {@link IllegalArgumentException} with a short message that is
 * shown next to the field ("port: must be 0-65535, was 70000").
 */
public final class Parsers {
    private Parsers() {
    }

    /** The collector's TCP port, with the catalogue's parser and checks; 0 means "any free port". */
    public static Function<String, Integer> port() {
        return option(CollectorOptions.PORT);
    }

    /** A catalogue option read from a field; the message names it ({@code port: must be 0-65535, was 70000}). */
    public static <T> Function<String, T> option(CollectorOption<T> option) {
        return text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException(option.name() + ": required");
            }
            try {
                return option.read(text, w -> { });
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option.name() + ": " + e.getMessage(), e);
            }
        };
    }

    /** A listen address: an IPv4 literal, an IPv6 literal or a host name. */
    public static Function<String, String> host() {
        return text -> {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("address: required, e.g. 127.0.0.1");
            }
            if (!text.matches("[A-Za-z0-9.:\\-\\[\\]%]+")) {
                throw new IllegalArgumentException("address: letters, digits, '.', ':' and '-' only");
            }
            if (text.matches("[0-9.]+")) {
                String[] parts = text.split("\\.", -1);
                if (parts.length != 4) {
                    throw new IllegalArgumentException("address: an IPv4 address has four parts");
                }
                for (String part : parts) {
                    if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                        throw new IllegalArgumentException("address: each IPv4 part is 0-255");
                    }
                }
            }
            return text;
        };
    }

    /** An integer in {@code [min, max]}; the message names the field. */
    public static Function<String, Integer> intRange(String name, int min, int max) {
        return text -> {
            int v = integer(name, text);
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + ": " + min + "-" + max);
            }
            return v;
        };
    }

    /** A non-negative number (decimals allowed). */
    public static Function<String, Double> nonNegative(String name) {
        return text -> {
            try {
                double v = Double.parseDouble(text);
                if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException(name + ": must be >= 0");
                }
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": a number, e.g. 0 or 50");
            }
        };
    }

    /** A duration &gt; 0 written like Fluent Bit's: {@code 500ms}, {@code 2s}, {@code 1m}, or seconds. */
    public static Function<String, java.time.Duration> positiveDuration(String name) {
        return text -> {
            java.time.Duration d;
            try {
                d = dev.plateau.collector.Sizes.parseDuration(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": e.g. 500ms, 2s or 1m");
            }
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + ": must be > 0");
            }
            return d;
        };
    }

    /** An {@code http://host:port/path} URL. */
    public static Function<String, URI> httpUrl() {
        return text -> {
            try {
                URI uri = new URI(text);
                if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException("target: http://host:port/path");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("target: not a URL (" + e.getReason() + ")");
            }
        };
    }

    /** A run label: becomes part of a directory name. */
    public static Function<String, String> label() {
        return text -> {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("label: required, e.g. before");
            }
            if (!text.matches("[A-Za-z0-9_.\\-]{1,40}")) {
                throw new IllegalArgumentException("label: letters, digits, '_', '.', '-' (max 40)");
            }
            return text;
        };
    }

    private static int integer(String name, String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(name + ": required");
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": a whole number");
        }
    }
}
