package dev.plateau.collector.config;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.CollectorOption;
import dev.plateau.collector.CollectorOptions;
import dev.plateau.collector.OptionType;
import dev.plateau.events.Printable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Fluent Bit configuration file (classic {@code .conf} or YAML) turned into a {@link CollectorConfig}.
 * Reads {@code [SERVICE]} (Flush, HTTP_Server, HTTP_Listen, HTTP_Port), the {@code [INPUT]} named {@code http}
 * and the first {@code [OUTPUT]} ({@code null}, {@code file}, {@code http}). Keys are case-insensitive; sizes and
 * times use Fluent Bit's syntax; {@code @INCLUDE}/{@code includes:} and {@code ${ENV}} are honoured. Unknown keys
 * become warnings naming key and line; invalid values throw {@link ConfigException} ({@code file:line: message}).
 *
 * <pre>{@code
 * FluentBitConfig fb = FluentBitConfig.load(Path.of("samples/fluent-bit.conf"), System.getenv());
 * fb.warnings().forEach(System.err::println);
 * CollectorConfig cfg = fb.builder().port(0).build();   // command-line flags override the file
 * }</pre>
 *
 * @param builder  the configuration read, as a builder so that command-line flags can override it
 * @param warnings unknown keys, ignored plugins, substituted undefined variables, each with file and line
 */
public record FluentBitConfig(CollectorConfig.Builder builder, List<String> warnings) {

    private static final Set<String> INPUT_IGNORED = Set.of("alias", "threaded", "log_level", "log_suppress_interval",
            "storage.type", "storage.pause_on_chunks_overlimit", "routable", "tls", "tls.verify", "tls.crt_file",
            "tls.key_file", "tls.ca_file", "net.backlog");
    private static final Set<String> SERVICE_IGNORED = Set.of("daemon", "log_level", "log_file", "parsers_file",
            "plugins_file", "hot_reload", "health_check", "hc_errors_count", "hc_retry_failure_count",
            "hc_period", "grace", "coro_stack_size", "streams_file", "http_server.http2");
    private static final Set<String> OUTPUT_IGNORED = Set.of("alias", "log_level", "workers", "tls", "tls.verify",
            "match_regex", "json_date_key", "json_date_format", "header", "mkdir", "storage.total_limit_size");

    /** Loads {@code file}; {@code .yaml}/{@code .yml} is read as YAML, anything else as the classic format. */
    public static FluentBitConfig load(Path file, Map<String, String> environment) throws ConfigException {
        List<String> warnings = new ArrayList<>();
        Variables vars = new Variables(environment, warnings);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Section> sections = name.endsWith(".yaml") || name.endsWith(".yml")
                ? new YamlConfigReader(vars).read(file)
                : new ClassicConfigReader(vars).read(file);
        CollectorConfig.Builder b = CollectorConfig.builder();
        boolean sawHttpInput = false;
        boolean sawOutput = false;
        for (Section s : sections) {
            switch (s.kind()) {
                case SERVICE -> service(s, b, warnings);
                case INPUT -> {
                    if (!s.pluginName().equals("http")) {
                        warnings.add(s.file() + ":" + s.line() + ": input '" + s.pluginName()
                                + "' is not supported by Plateau (only http); ignored");
                    } else if (sawHttpInput) {
                        warnings.add(s.file() + ":" + s.line() + ": a second http input is ignored");
                    } else {
                        httpInput(s, b, warnings);
                        sawHttpInput = true;
                    }
                }
                case OUTPUT -> {
                    if (sawOutput) {
                        warnings.add(s.file() + ":" + s.line() + ": output '" + s.pluginName()
                                + "' ignored: Plateau routes everything to the first output");
                    } else {
                        output(s, b, warnings);
                        sawOutput = true;
                    }
                }
                case FILTER -> warnings.add(s.file() + ":" + s.line() + ": filter '" + s.pluginName()
                        + "' is not supported by Plateau; ignored");
                default -> warnings.add(s.file() + ":" + s.line() + ": section '" + s.rawName() + "' is not used by Plateau");
            }
        }
        if (!sawHttpInput) {
            throw new ConfigException(file, "no [INPUT] with Name http");
        }
        try {
            b.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, e.getMessage());
        }
        return new FluentBitConfig(b, warnings.stream().map(ConfigException::printable).toList());
    }

    private static void service(Section s, CollectorConfig.Builder b, List<String> warnings) throws ConfigException {
        boolean httpServer = false;
        for (Section.Entry e : s.entries()) {
            switch (e.key()) {
                case "http_server" -> httpServer = value(OptionType.SWITCH, e);
                case "http_listen" -> {
                    if (!e.value().equals("127.0.0.1") && !e.value().equals("localhost")) {
                        warnings.add(where(e) + "HTTP_Listen " + e.value()
                                + ": Plateau's monitor listens on the collector's listen address");
                    }
                }
                default -> {
                    if (!catalogue(CollectorOption.Section.SERVICE, null, e, b, warnings)
                            && !SERVICE_IGNORED.contains(e.key()) && !e.key().startsWith("storage.")
                            && !e.key().startsWith("scheduler.")) {
                        warnings.add(where(e) + "unknown [SERVICE] key '" + e.key() + "'");
                    }
                }
            }
        }
        if (!httpServer) {
            b.monitorPort(0);
        }
    }

    private static void httpInput(Section s, CollectorConfig.Builder b, List<String> warnings) throws ConfigException {
        b.set(CollectorOptions.SUCCESS_HEADER, List.of());
        for (Section.Entry e : s.entries()) {
            if (!e.key().equals("name") && !catalogue(CollectorOption.Section.INPUT, null, e, b, warnings)
                    && !INPUT_IGNORED.contains(e.key())) {
                warnings.add(where(e) + "unknown http input key '" + e.key() + "'");
            }
        }
    }

    /** Applies {@code e} if the catalogue has an option for its key here; false if it has none. */
    private static boolean catalogue(CollectorOption.Section section, String plugin, Section.Entry e,
            CollectorConfig.Builder b, List<String> warnings) throws ConfigException {
        var option = CollectorOptions.byFileKey(section, plugin, e.key());
        if (option.isEmpty()) {
            return false;
        }
        try {
            option.get().apply(b, e.value(), w -> warnings.add(where(e) + w));
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(e.file(), e.line(), e.key() + ": " + ex.getMessage());
        }
        return true;
    }

    private static void output(Section s, CollectorConfig.Builder b, List<String> warnings) throws ConfigException {
        String plugin = s.pluginName();
        Section.Entry nameEntry = s.get("name").orElseThrow(
                () -> new ConfigException(s.file(), s.line(), "[OUTPUT] has no Name"));
        if (s.get("match").isEmpty() && s.get("match_regex").isEmpty()) {
            warnings.add(s.file() + ":" + s.line() + ": output '" + plugin + "' has no Match; Plateau sends it every record");
        }
        Set<String> composed = switch (plugin) {
            case "null" -> {
                b.output("null");
                yield Set.of();
            }
            case "file" -> {
                String dir = s.get("path").map(Section.Entry::value).orElse(".");
                String name = s.get("file").map(Section.Entry::value).orElse("http.0");
                try {
                    b.output("file:" + Path.of(dir).resolve(name));
                } catch (java.nio.file.InvalidPathException e) {
                    throw new ConfigException(s.file(), s.line(), "[OUTPUT] file: '" + Printable.of(dir) + "' / '"
                            + Printable.of(name) + "' is not a file name (" + Printable.of(e.getReason()) + ")");
                }
                yield Set.of("path", "file");
            }
            case "http" -> {
                String host = s.get("host").map(Section.Entry::value).orElse("127.0.0.1");
                int port = s.get("port").isPresent() ? value(OptionType.PORT, s.get("port").get()) : 80;
                String uri = s.get("uri").map(Section.Entry::value).orElse("/");
                b.output("http://" + host + ":" + port + (uri.startsWith("/") ? uri : "/" + uri));
                Section.Entry format = s.get("format").orElse(null);
                if (format != null && !format.value().equalsIgnoreCase("json_lines")) {
                    throw new ConfigException(format.file(), format.line(),
                            "format: '" + format.value() + "' is not supported by the http output (json_lines)");
                }
                yield Set.of("host", "port", "uri", "format");
            }
            default -> throw new ConfigException(nameEntry.file(), nameEntry.line(),
                    "output '" + plugin + "' is not supported (null, file, http)");
        };
        for (Section.Entry e : s.entries()) {
            if (!Set.of("name", "match").contains(e.key()) && !composed.contains(e.key())
                    && !catalogue(CollectorOption.Section.OUTPUT, plugin, e, b, warnings)
                    && !OUTPUT_IGNORED.contains(e.key())) {
                warnings.add(where(e) + "unknown " + plugin + " output key '" + e.key() + "'");
            }
        }
    }

    private static String where(Section.Entry e) {
        return e.file() + ":" + e.line() + ": ";
    }

    /** Reads {@code e} with a catalogue type; a bad value is {@code file:line: key: problem}. */
    static <T> T value(OptionType<T> type, Section.Entry e) throws ConfigException {
        try {
            T v = type.parse(e.value());
            type.validate(v);
            return v;
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(e.file(), e.line(), e.key() + ": " + ex.getMessage());
        }
    }
}
