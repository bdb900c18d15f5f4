package dev.plateau.collector.config;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.Sizes;
import java.nio.file.Path;
import java.time.Duration;
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
        CollectorConfig.Builder b = CollectorConfig.builder().monitorPort(0);
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
        int httpPort = 2020;
        for (Section.Entry e : s.entries()) {
            switch (e.key()) {
                case "flush" -> b.flush(positive(duration(e), e));
                case "http_server" -> httpServer = bool(e);
                case "http_listen" -> {
                    if (!e.value().equals("127.0.0.1") && !e.value().equals("localhost")) {
                        warnings.add(where(e) + "HTTP_Listen " + e.value()
                                + ": Plateau's monitor listens on the collector's listen address");
                    }
                }
                case "http_port" -> httpPort = port(e);
                default -> {
                    if (!SERVICE_IGNORED.contains(e.key()) && !e.key().startsWith("storage.")
                            && !e.key().startsWith("scheduler.")) {
                        warnings.add(where(e) + "unknown [SERVICE] key '" + e.key() + "'");
                    }
                }
            }
        }
        b.monitorPort(httpServer ? httpPort : 0);
    }

    private static void httpInput(Section s, CollectorConfig.Builder b, List<String> warnings) throws ConfigException {
        List<CollectorConfig.Header> headers = new ArrayList<>();
        for (Section.Entry e : s.entries()) {
            try {
                switch (e.key()) {
                    case "name" -> { }
                    case "listen", "host" -> b.listen(e.value());
                    case "port" -> b.port(port(e));
                    case "buffer_chunk_size" -> b.bufferChunkSize(size(e));
                    case "buffer_max_size" -> b.bufferMaxSize(size(e));
                    case "successful_response_code" -> {
                        int code = integer(e);
                        int effective = CollectorConfig.effectiveSuccessCode(code);
                        if (effective != code) {
                            warnings.add(where(e) + "successful_response_code " + code
                                    + " is not allowed (200, 201, 204); using 201 like Fluent Bit");
                        }
                        b.successfulResponseCode(effective);
                    }
                    case "success_header" -> headers.add(CollectorConfig.Header.parse(e.value()));
                    case "tag_key" -> b.tagKey(e.value());
                    case "tag" -> b.tag(e.value());
                    case "add_remote_addr" -> b.addRemoteAddr(bool(e));
                    case "remote_addr_key" -> b.remoteAddrKey(e.value());
                    case "http2" -> b.http2(bool(e));
                    case "mem_buf_limit" -> b.memBufLimit(size(e));
                    case "workers" -> b.workers(integer(e));
                    case "max_connections", "net.max_connections" -> b.maxConnections(integer(e));
                    case "idle_timeout", "http_server.idle_timeout", "net.keepalive_idle_timeout" ->
                            b.idleTimeout(duration(e));
                    case "plateau.shrink" -> b.shrink(bool(e));
                    case "plateau.reinit" -> b.reinit(bool(e));
                    case "plateau.buffer_model" -> b.bufferModel(e.value().toLowerCase(Locale.ROOT));
                    case "plateau.allocator" -> b.allocator(e.value().toLowerCase(Locale.ROOT));
                    case "plateau.token" -> b.bearerToken(e.value());
                    default -> {
                        if (!INPUT_IGNORED.contains(e.key())) {
                            warnings.add(where(e) + "unknown http input key '" + e.key() + "'");
                        }
                    }
                }
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(e.file(), e.line(), e.key() + ": " + ex.getMessage());
            }
        }
        b.successHeaders(headers);
    }

    private static void output(Section s, CollectorConfig.Builder b, List<String> warnings) throws ConfigException {
        String plugin = s.pluginName();
        Section.Entry nameEntry = s.get("name").orElseThrow(
                () -> new ConfigException(s.file(), s.line(), "[OUTPUT] has no Name"));
        if (s.get("match").isEmpty() && s.get("match_regex").isEmpty()) {
            warnings.add(s.file() + ":" + s.line() + ": output '" + plugin + "' has no Match; Plateau sends it every record");
        }
        switch (plugin) {
            case "null" -> b.output("null");
            case "file" -> {
                String dir = s.get("path").map(Section.Entry::value).orElse(".");
                String name = s.get("file").map(Section.Entry::value).orElse("http.0");
                b.output("file:" + Path.of(dir).resolve(name));
                if (s.get("format").isPresent()) {
                    Section.Entry f = s.get("format").get();
                    switch (f.value().toLowerCase(Locale.ROOT)) {
                        case "out_file", "" -> b.fileFormat("out_file");
                        case "plain" -> b.fileFormat("json_lines");
                        default -> throw new ConfigException(f.file(), f.line(),
                                "format: '" + f.value() + "' is not supported (out_file, plain)");
                    }
                }
            }
            case "http" -> {
                String host = s.get("host").map(Section.Entry::value).orElse("127.0.0.1");
                int port = s.get("port").isPresent() ? port(s.get("port").get()) : 80;
                String uri = s.get("uri").map(Section.Entry::value).orElse("/");
                b.output("http://" + host + ":" + port + (uri.startsWith("/") ? uri : "/" + uri));
            }
            default -> throw new ConfigException(nameEntry.file(), nameEntry.line(),
                    "output '" + plugin + "' is not supported (null, file, http)");
        }
        if (plugin.equals("http")) {
            for (Section.Entry e : s.entries()) {
                if (e.key().equals("compress")) {
                    switch (e.value().trim().toLowerCase(Locale.ROOT)) {
                        case "gzip" -> b.outputCompress("gzip");
                        case "", "none", "off", "false" -> b.outputCompress("none");
                        default -> throw new ConfigException(e.file(), e.line(),
                                "compress: '" + e.value() + "' is not supported (gzip)");
                    }
                } else if (e.key().equals("format") && !e.value().equalsIgnoreCase("json_lines")) {
                    throw new ConfigException(e.file(), e.line(),
                            "format: '" + e.value() + "' is not supported by the http output (json_lines)");
                }
            }
        }
        Section.Entry retry = s.get("retry_limit").orElse(null);
        if (retry != null) {
            try {
                b.retryLimit(CollectorConfig.parseRetryLimit(retry.value()));
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(retry.file(), retry.line(), ex.getMessage());
            }
        }
        Set<String> known = Set.of("name", "match", "path", "file", "format", "host", "port", "uri", "compress",
                "retry_limit");
        for (Section.Entry e : s.entries()) {
            if (!known.contains(e.key()) && !OUTPUT_IGNORED.contains(e.key())) {
                warnings.add(where(e) + "unknown " + plugin + " output key '" + e.key() + "'");
            }
        }
    }

    private static String where(Section.Entry e) {
        return e.file() + ":" + e.line() + ": ";
    }

    static boolean bool(Section.Entry e) throws ConfigException {
        return switch (e.value().trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw new ConfigException(e.file(), e.line(), e.key() + ": '" + e.value() + "' is not on/off");
        };
    }

    private static int integer(Section.Entry e) throws ConfigException {
        try {
            return Integer.parseInt(e.value().trim());
        } catch (NumberFormatException ex) {
            throw new ConfigException(e.file(), e.line(), e.key() + ": '" + e.value() + "' is not a whole number");
        }
    }

    private static int port(Section.Entry e) throws ConfigException {
        int p = integer(e);
        if (p < 0 || p > 65535) {
            throw new ConfigException(e.file(), e.line(), e.key() + ": must be 0-65535, was " + p);
        }
        return p;
    }

    private static long size(Section.Entry e) throws ConfigException {
        try {
            return Sizes.parseSize(e.value());
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(e.file(), e.line(), e.key() + ": " + ex.getMessage());
        }
    }

    private static Duration duration(Section.Entry e) throws ConfigException {
        try {
            return Sizes.parseDuration(e.value());
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(e.file(), e.line(), e.key() + ": " + ex.getMessage());
        }
    }

    private static Duration positive(Duration d, Section.Entry e) throws ConfigException {
        if (d.isZero()) {
            throw new ConfigException(e.file(), e.line(), e.key() + ": must be > 0");
        }
        return d;
    }
}
