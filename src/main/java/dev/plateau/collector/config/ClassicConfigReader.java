package dev.plateau.collector.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads Fluent Bit's classic format: {@code [SECTION]} headers, indented {@code Key Value} lines, {@code #}
 * comments, {@code @INCLUDE file} (relative to the including file, {@code *} and {@code ?} globs allowed) and
 * {@code @SET NAME=value}; {@code ${NAME}} is expanded in values.
 */
final class ClassicConfigReader {
    private final Variables variables;
    private final Deque<Path> including = new ArrayDeque<>();

    ClassicConfigReader(Variables variables) {
        this.variables = variables;
    }

    List<Section> read(Path file) throws ConfigException {
        List<Section> sections = new ArrayList<>();
        read(file, sections, null);
        return sections;
    }

    /** A config file (or an included one) past this size is refused rather than read. */
    static final int MAX_FILE_BYTES = 16 << 20;

    private Section read(Path file, List<Section> sections, Section current) throws ConfigException {
        Path abs = file.toAbsolutePath().normalize();
        if (including.contains(abs)) {
            throw new ConfigException(file, "@INCLUDE cycle: " + abs + " includes itself");
        }
        List<String> lines;
        try (java.io.InputStream in = Files.newInputStream(abs)) {
            // bounded: an @INCLUDE glob may name any file (/proc/kcore reads without end)
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ConfigException(file, "larger than " + MAX_FILE_BYTES / (1 << 20) + " MiB: not a config file");
            }
            lines = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString().lines().toList();
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read: " + e.getMessage());
        }
        including.push(abs);
        try {
            for (int i = 0; i < lines.size(); i++) {
                int lineNo = i + 1;
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    if (!line.endsWith("]") || line.length() < 3) {
                        throw new ConfigException(file, lineNo, "malformed section header '" + line + "'");
                    }
                    String name = line.substring(1, line.length() - 1).trim();
                    current = new Section(Section.kindOf(name), name, file, lineNo);
                    sections.add(current);
                } else if (startsWithWord(line, "@INCLUDE")) {
                    String target = variables.expand(line.substring("@INCLUDE".length()).trim(), file, lineNo);
                    if (target.isEmpty()) {
                        throw new ConfigException(file, lineNo, "@INCLUDE needs a file name");
                    }
                    for (Path included : resolve(abs.getParent(), target, file, lineNo)) {
                        current = read(included, sections, current);
                    }
                } else if (startsWithWord(line, "@SET")) {
                    String assignment = line.substring("@SET".length()).trim();
                    int eq = assignment.indexOf('=');
                    if (eq <= 0) {
                        throw new ConfigException(file, lineNo, "@SET needs NAME=value");
                    }
                    variables.set(assignment.substring(0, eq).trim(),
                            variables.expand(assignment.substring(eq + 1).trim(), file, lineNo));
                } else {
                    if (current == null) {
                        throw new ConfigException(file, lineNo, "'" + line + "' is outside of any [SECTION]");
                    }
                    String[] kv = line.split("\\s+", 2);
                    if (kv.length < 2) {
                        throw new ConfigException(file, lineNo, "key '" + kv[0] + "' has no value");
                    }
                    current.add(kv[0], variables.expand(kv[1].strip(), file, lineNo), file, lineNo);
                }
            }
        } finally {
            including.pop();
        }
        return current;
    }

    private static boolean startsWithWord(String line, String word) {
        return line.regionMatches(true, 0, word, 0, word.length())
                && (line.length() == word.length() || Character.isWhitespace(line.charAt(word.length())));
    }

    private static List<Path> resolve(Path dir, String target, Path file, int line) throws ConfigException {
        Path p;
        try {
            p = dir.resolve(target);
        } catch (InvalidPathException e) {
            throw new ConfigException(file, line, "@INCLUDE " + target + ": not a file name (" + e.getReason() + ")");
        }
        if (p.getFileName() == null) {
            throw new ConfigException(file, line, "@INCLUDE " + target + ": not a file name");
        }
        String name = p.getFileName().toString();
        if (!name.contains("*")) {
            if (!Files.isRegularFile(p)) {
                throw new ConfigException(file, line, "@INCLUDE " + target + ": no such file");
            }
            return List.of(p);
        }
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p.getParent())) {
            for (Path candidate : ds) {
                // files only: a directory the glob names (@INCLUDE /*) is not a config file to read
                if (globMatches(name, candidate.getFileName().toString()) && Files.isRegularFile(candidate)) {
                    matches.add(candidate);
                }
            }
        } catch (IOException e) {
            throw new ConfigException(file, line, "@INCLUDE " + target + ": " + e.getMessage());
        }
        matches.sort(null);
        return matches;
    }

    /**
     * glob(3)'s {@code *} (any run of characters) and {@code ?} (one character) against one file name, everything
     * else literal, a leading dot matched only by a leading dot. Linear-time two-pointer matching: the JDK's
     * glob-to-regex turned {@code *fl****…****uent-bit.conf} into nested {@code .*} that backtracked for half an
     * hour (found by ClassicConfigFuzzTest).
     */
    static boolean globMatches(String pattern, String name) {
        if (name.startsWith(".") && !pattern.startsWith(".")) {
            return false;
        }
        int p = 0;
        int n = 0;
        int star = -1;
        int mark = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
