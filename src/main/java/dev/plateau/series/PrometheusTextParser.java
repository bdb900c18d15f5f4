package dev.plateau.series;

import dev.plateau.events.Printable;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small strict reader of the Prometheus text exposition format 0.0.4 (the io.prometheus libraries write this
 * format but do not parse it): {@code # TYPE} / {@code # HELP} / comments, and samples
 * {@code name{label="value",…} value [timestamp]} with the format's escapes and {@code +Inf}/{@code -Inf}/{@code NaN}.
 * Anything else is an {@link IllegalArgumentException} naming the line ({@code line 3: expected '=' after label
 * name}); a line longer than {@value #MAX_LINE} bytes is refused without reading it whole.
 *
 * <p>Kind: {@code counter} from {@code # TYPE}, and the {@code _count}/{@code _sum}/{@code _bucket} of histograms
 * and summaries; everything else is a gauge. Unit from the name: {@code _bytes}/{@code _bytes_total} → bytes,
 * {@code _seconds} → seconds, else count.
 */
public final class PrometheusTextParser {
    public static final int MAX_LINE = 1 << 20;

    private PrometheusTextParser() {
    }

    /** Every sample of the body, in order (the last one wins when a series repeats). */
    public static Map<Series, Double> parse(InputStream body) throws IOException {
        InputStream in = new BufferedInputStream(body);
        Map<String, String> types = new HashMap<>();
        Map<Series, Double> out = new LinkedHashMap<>();
        int lineNo = 0;
        String line;
        while ((line = readLine(in, ++lineNo)) != null) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("#")) {
                String[] p = t.substring(1).strip().split("\\s+", 3);
                if (p.length == 3 && p[0].equals("TYPE")) {
                    types.put(p[1], p[2].strip());
                }
                continue;
            }
            parseSample(t, lineNo, types, out);
        }
        return out;
    }

    private static String readLine(InputStream in, int lineNo) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (b.size() >= MAX_LINE) {
                throw new IllegalArgumentException("line " + lineNo + " is longer than " + MAX_LINE + " bytes");
            }
            b.write(c);
        }
        if (c == -1 && b.size() == 0) {
            return null;
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static void parseSample(String t, int lineNo, Map<String, String> types, Map<Series, Double> out) {
        int i = 0;
        while (i < t.length() && (nameChar(t.charAt(i)) || t.charAt(i) == ':')) {
            i++;
        }
        if (i == 0 || Character.isDigit(t.charAt(0))) {
            throw new IllegalArgumentException("line " + lineNo + ": expected a metric name, found '" + abbreviate(t) + "'");
        }
        String name = t.substring(0, i);
        Map<String, String> labels = new TreeMap<>();
        if (i < t.length() && t.charAt(i) == '{') {
            i = parseLabels(t, i + 1, lineNo, labels);
        }
        String[] rest = t.substring(i).strip().split("\\s+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("line " + lineNo + ": expected 'value [timestamp]' after " + name);
        }
        double value = number(rest[0], lineNo);
        out.put(new Series(name, labels, unitOf(name), kindOf(name, types)), value);
    }

    private static int parseLabels(String t, int i, int lineNo, Map<String, String> labels) {
        while (true) {
            while (i < t.length() && t.charAt(i) == ' ') {
                i++;
            }
            if (i < t.length() && t.charAt(i) == '}') {
                return i + 1;
            }
            int start = i;
            while (i < t.length() && nameChar(t.charAt(i))) {
                i++;
            }
            if (i == start || i >= t.length() || t.charAt(i) != '=' || i + 1 >= t.length() || t.charAt(i + 1) != '"') {
                throw new IllegalArgumentException("line " + lineNo + ": expected label=\"value\" at column " + (i + 1));
            }
            String key = t.substring(start, i);
            StringBuilder v = new StringBuilder();
            i += 2;
            while (i < t.length() && t.charAt(i) != '"') {
                char c = t.charAt(i++);
                if (c == '\\' && i < t.length()) {
                    char e = t.charAt(i++);
                    v.append(e == 'n' ? '\n' : e);
                } else {
                    v.append(c);
                }
            }
            if (i >= t.length()) {
                throw new IllegalArgumentException("line " + lineNo + ": unterminated label value of " + key);
            }
            labels.put(key, v.toString());
            i++;
            if (i < t.length() && t.charAt(i) == ',') {
                i++;
            } else if (i >= t.length() || t.charAt(i) != '}') {
                throw new IllegalArgumentException("line " + lineNo + ": expected ',' or '}' after label " + key);
            }
        }
    }

    /** {@code [a-zA-Z0-9_]}: names are ASCII in the format (a letter such as 'é' is not a name character). */
    private static boolean nameChar(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_');
    }

    private static double number(String s, int lineNo) {
        switch (s) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + lineNo + ": '" + abbreviate(s) + "' is not a number");
                }
        }
    }

    static Kind kindOf(String name, Map<String, String> types) {
        String type = types.get(name);
        if (type == null) {
            for (String suffix : new String[] {"_count", "_sum", "_bucket"}) {
                if (name.endsWith(suffix)) {
                    String base = types.get(name.substring(0, name.length() - suffix.length()));
                    if ("histogram".equals(base) || "summary".equals(base)) {
                        return Kind.COUNTER;
                    }
                }
            }
        }
        return "counter".equals(type) ? Kind.COUNTER : Kind.GAUGE;
    }

    static String unitOf(String name) {
        if (name.endsWith("_bytes") || name.endsWith("_bytes_total")) {
            return Series.BYTES;
        }
        return name.endsWith("_seconds") || name.endsWith("_seconds_total") ? Series.SECONDS : Series.COUNT;
    }

    /** At most 40 characters of {@code s}, control characters written as {@code \xNN} (one printable line). */
    private static String abbreviate(String s) {
        return Printable.of(s, 40);
    }
}
