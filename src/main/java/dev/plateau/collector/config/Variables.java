package dev.plateau.collector.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} substitution as Fluent Bit does it: variables set in the file ({@code @SET} or YAML
 * {@code env:}) first, then the process environment. An undefined variable becomes empty and is reported.
 */
final class Variables {
    private static final Pattern REF = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)}");

    private final Map<String, String> environment;
    private final Map<String, String> set = new HashMap<>();
    private final List<String> warnings;

    Variables(Map<String, String> environment, List<String> warnings) {
        this.environment = environment;
        this.warnings = warnings;
    }

    void set(String name, String value) {
        set.put(name, value);
    }

    String expand(String text, Path file, int line) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = set.containsKey(name) ? set.get(name) : environment.get(name);
            if (value == null) {
                warnings.add(file + ":" + line + ": variable ${" + name + "} is not defined; using an empty value");
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
