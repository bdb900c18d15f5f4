package dev.plateau.collector;

import static dev.plateau.collector.CollectorOption.Section.INPUT;
import static dev.plateau.collector.CollectorOption.Section.OUTPUT;
import static dev.plateau.collector.CollectorOption.Section.SERVICE;

import dev.plateau.collector.CollectorConfig.Header;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue: every collector option, declared once (Fluent Bit's {@code config_map[]} in
 * {@code plugins/in_http/http.c}). Name, type, default, doc, flag, Fluent Bit key and liveness live here and
 * nowhere else; {@code plateau collect}'s flags, {@link CollectorConfig.Builder}'s defaults, the Fluent Bit config
 * reader, scenario JSON, {@code /api/v1/policies}, the console's policy fields and the README table all read
 * {@link #ALL}. {@code CollectorOptionsTest} fails if a name or flag is spelled anywhere else in {@code src/main}.
 *
 * <p>To add an option: declare it here (the defaults below cover most of it: flag {@code --name-with-dashes},
 * file key = name in {@code [INPUT]}), add it to {@link #ALL}, add the record component and builder setter to
 * {@link CollectorConfig}, and write its behaviour. A live option (switchable while running, like {@code shrink})
 * is marked {@code .switchable()} and gets its field in {@link Policies} and the console for free.
 *
 * <pre>{@code
 * CollectorOptions.byName("buffer_chunk_size").orElseThrow().defaultValue();   // 512000L
 * CollectorOptions.live();                                                           // shrink, reinit, idle_timeout, trim
 * }</pre>
 */
public final class CollectorOptions {
    /** Fluent Bit's allowed {@code successful_response_code}s; others fall back to 201 with a warning. */
    private static final Set<Integer> SUCCESS_CODES = Set.of(200, 201, 204);

    public static final CollectorOption<String> LISTEN = new CollectorOption<>("listen",
            OptionType.TEXT.label("ADDR").check(s -> !s.isBlank(), "must not be empty"), "127.0.0.1",
            CollectorConfig::listen, "Address to bind; loopback by default, unlike Fluent Bit's 0.0.0.0.")
            .file(INPUT, "listen", "host").notInScenarios();
    public static final CollectorOption<Integer> PORT = new CollectorOption<>("port", OptionType.PORT, 9880,
            CollectorConfig::port, "TCP port, 0 = any free port.").notInScenarios();
    public static final CollectorOption<Long> BUFFER_CHUNK_SIZE = new CollectorOption<>("buffer_chunk_size",
            OptionType.SIZE.check(v -> v > 0, "must be > 0"), 512_000L, CollectorConfig::bufferChunkSize,
            "Per-connection buffer at accept and growth step; decimal: 512K = 512000.");
    public static final CollectorOption<Long> BUFFER_MAX_SIZE = new CollectorOption<>("buffer_max_size",
            OptionType.SIZE.check(v -> v > 0, "must be > 0")
                    .check(v -> v <= Integer.MAX_VALUE - 8, "must be at most " + (Integer.MAX_VALUE - 8) + " bytes"),
            4_000_000L, CollectorConfig::bufferMaxSize, "A request needing more gets 413 and the connection is closed.");
    public static final CollectorOption<Integer> SUCCESSFUL_RESPONSE_CODE = new CollectorOption<>(
            "successful_response_code", OptionType.INTEGER.label("CODE").check(SUCCESS_CODES::contains,
            "must be 200, 201 or 204"), 201, CollectorConfig::successfulResponseCode,
            "200, 201 or 204; anything else falls back to 201 with a warning, like Fluent Bit.")
            .fallback(c -> SUCCESS_CODES.contains(c) ? c : 201, "is not 200, 201 or 204");
    public static final CollectorOption<String> TAG = new CollectorOption<>("tag",
            OptionType.TEXT.check(s -> !s.isBlank(), "must not be empty"), "http.0", CollectorConfig::tag,
            "Tag of records posted to path '/' (any other path is the tag).");
    public static final CollectorOption<String> TAG_KEY = new CollectorOption<>("tag_key", OptionType.TEXT.label("KEY"),
            null, CollectorConfig::tagKey, "Take each record's tag from this string field.");
    public static final CollectorOption<List<Header>> SUCCESS_HEADER = new CollectorOption<>("success_header",
            OptionType.listOf("'NAME VALUE'", Header::parse, h -> h.name() + " " + h.value()), List.of(),
            CollectorConfig::successHeaders, "Extra header on success answers (repeatable).").repeatable();
    public static final CollectorOption<Boolean> ADD_REMOTE_ADDR = new CollectorOption<>("add_remote_addr",
            OptionType.SWITCH, false, CollectorConfig::addRemoteAddr,
            "Copy the first X-Forwarded-For entry into each record.");
    public static final CollectorOption<String> REMOTE_ADDR_KEY = new CollectorOption<>("remote_addr_key",
            OptionType.TEXT.label("KEY").check(s -> !s.isBlank(), "must not be empty"), "REMOTE_ADDR",
            CollectorConfig::remoteAddrKey, "Record key that add_remote_addr writes.");
    public static final CollectorOption<String> OUTPUT_SPEC = new CollectorOption<>("output",
            OptionType.TEXT.label("null|file:PATH|http://HOST:PORT/PATH").check(s -> s.equals("null")
                    || s.startsWith("file:") && s.length() > 5 || s.startsWith("http://") || s.startsWith("https://"),
                    "must be null, file:PATH or http://host:port/path"), "null", CollectorConfig::output,
            "Where records go; in a Fluent Bit file, the first [OUTPUT] (null, file Path/File, http Host/Port/URI).")
            .file(OUTPUT, null);
    public static final CollectorOption<FileFormat> FILE_FORMAT = new CollectorOption<>("file_format",
            OptionType.choice(FileFormat.class), FileFormat.OUT_FILE, CollectorConfig::fileFormat,
            "Line format of the file output: out_file ('tag: [sec.nsec, {json}]') or json_lines.")
            .file(OUTPUT, "format").outputPlugin("file");
    public static final CollectorOption<Duration> FLUSH = new CollectorOption<>("flush",
            OptionType.DURATION.check(d -> d.compareTo(Duration.ZERO) > 0, "must be > 0"), Duration.ofSeconds(1), CollectorConfig::flush,
            "How often queued chunks go to the output.").file(SERVICE, "flush");
    public static final CollectorOption<Long> MEM_BUF_LIMIT = new CollectorOption<>("mem_buf_limit",
            OptionType.SIZE.check(v -> v >= 0, "must be >= 0 (0 = unlimited)"), Profile.FLUENT_BIT_5_1.memBufLimit(),
            CollectorConfig::memBufLimit, "Chunk bytes held before requests get 503 (queue full); 0 = unlimited, Fluent Bit's default.");
    public static final CollectorOption<Boolean> SHRINK = new CollectorOption<>("shrink", OptionType.SWITCH, false,
            CollectorConfig::shrink, "After each request, a connection buffer above 2 x chunk goes back to one chunk (upstream: off).")
            .file(INPUT, "plateau.shrink").switchable();
    public static final CollectorOption<Boolean> REINIT = new CollectorOption<>("reinit", OptionType.SWITCH, false,
            CollectorConfig::reinit, "Destroy and re-create the encoder after each request, success or error (upstream: off).")
            .file(INPUT, "plateau.reinit").switchable();
    public static final CollectorOption<Duration> IDLE_TIMEOUT = new CollectorOption<>("idle_timeout",
            OptionType.DURATION.check(d -> !d.isNegative(), "must be >= 0 (0 = never)"), Profile.FLUENT_BIT_5_1.idleTimeout(),
            CollectorConfig::idleTimeout, "Close keep-alive connections idle this long; 0s = never; default the profile's (10s in 5.1, never in 4).")
            .file(INPUT, "idle_timeout", "http_server.idle_timeout",
                    "net.keepalive_idle_timeout").switchable();
    public static final CollectorOption<Duration> HEADER_TIMEOUT = new CollectorOption<>("header_timeout",
            OptionType.DURATION.check(d -> !d.isNegative(), "must be >= 0 (0 = never)"), Duration.ofSeconds(30), CollectorConfig::headerTimeout,
            "Answer 408 and close when a request head has not arrived in this time; 0s = never.")
            .file(INPUT, "plateau.header_timeout");
    public static final CollectorOption<Integer> MONITOR_PORT = new CollectorOption<>("monitor_port", OptionType.PORT,
            2020, CollectorConfig::monitorPort,
            "Monitoring HTTP server port (Fluent Bit's HTTP_Port); 0 = off. A file turns it on with HTTP_Server On.")
            .file(SERVICE, "http_port").notInScenarios();
    public static final CollectorOption<Integer> WORKERS = new CollectorOption<>("workers",
            OptionType.INTEGER.check(w -> w >= 1 && w <= 256, "must be 1-256"), 1, CollectorConfig::workers,
            "Event-loop threads.");
    public static final CollectorOption<Integer> MAX_CONNECTIONS = new CollectorOption<>("max_connections",
            OptionType.INTEGER.check(n -> n >= 0, "must be >= 0 (0 = unlimited)"), 0, CollectorConfig::maxConnections,
            "Refuse connections beyond N; 0 = unlimited.")
            .file(INPUT, "max_connections", "net.max_connections");
    public static final CollectorOption<Boolean> HTTP2 = new CollectorOption<>("http2", OptionType.SWITCH, true,
            CollectorConfig::http2, "Accept HTTP/2 cleartext (prior knowledge and Upgrade: h2c) on the same port.");
    public static final CollectorOption<BufferModel> BUFFER_MODEL = new CollectorOption<>("buffer_model",
            OptionType.choice(BufferModel.class), Profile.FLUENT_BIT_5_1.bufferModel(), CollectorConfig::bufferModel,
            "Connection buffers: legacy (chunk at accept, chunk growth) or v5 (Fluent Bit 5: small, exact growth); default the profile's.")
            .file(INPUT, "plateau.buffer_model");
    public static final CollectorOption<AllocatorKind> ALLOCATOR = new CollectorOption<>("allocator",
            OptionType.choice(AllocatorKind.class), AllocatorKind.UNPOOLED, CollectorConfig::allocator,
            "Allocator of connection and encoder buffers; unpooled is malloc/free like Fluent Bit.")
            .file(INPUT, "plateau.allocator");
    public static final CollectorOption<String> TOKEN = new CollectorOption<>("token", OptionType.TEXT.label("TOKEN"),
            null, CollectorConfig::bearerToken, "Require 'Authorization: Bearer TOKEN' on ingestion and policies.")
            .file(INPUT, "plateau.token").notInScenarios();
    public static final CollectorOption<Compression> OUTPUT_COMPRESS = new CollectorOption<>("output_compress",
            OptionType.choice(Compression.class), Compression.NONE, CollectorConfig::outputCompress,
            "Body compression of the http output (Fluent Bit's compress).")
            .file(OUTPUT, "compress").outputPlugin("http");
    public static final CollectorOption<Profile> PROFILE = new CollectorOption<>("profile",
            OptionType.choice(Profile.class), Profile.FLUENT_BIT_5_1, CollectorConfig::profile,
            "Which Fluent Bit the clone behaves like; sets buffer_model, idle_timeout and mem_buf_limit unless given.")
            .file(INPUT, "plateau.profile");
    public static final CollectorOption<Boolean> TRIM = new CollectorOption<>("trim", OptionType.SWITCH, false,
            CollectorConfig::trim, "Lower malloc's mmap/trim thresholds and malloc_trim(0) after each flush (upstream: off).")
            .file(INPUT, "plateau.trim").switchable();
    public static final CollectorOption<Integer> RETRY_LIMIT = new CollectorOption<>("retry_limit",
            OptionType.of("N|no_limits", CollectorOptions::parseRetryLimit,
                    n -> n == CollectorConfig.UNLIMITED_RETRIES ? "no_limits" : Integer.toString(n)), 1,
            CollectorConfig::retryLimit, "Retries of a failed chunk before it is dropped (Fluent Bit's Retry_Limit).")
            .file(OUTPUT, "retry_limit");

    /** Every option, in the order of help and docs. */
    public static final List<CollectorOption<?>> ALL = List.of(LISTEN, PORT, BUFFER_CHUNK_SIZE, BUFFER_MAX_SIZE,
            SUCCESSFUL_RESPONSE_CODE, TAG, TAG_KEY, SUCCESS_HEADER, ADD_REMOTE_ADDR, REMOTE_ADDR_KEY, OUTPUT_SPEC,
            OUTPUT_COMPRESS, RETRY_LIMIT, FILE_FORMAT, FLUSH, PROFILE, MEM_BUF_LIMIT, SHRINK, REINIT, IDLE_TIMEOUT, TRIM,
            HEADER_TIMEOUT, MONITOR_PORT, WORKERS, MAX_CONNECTIONS, BUFFER_MODEL, HTTP2, ALLOCATOR, TOKEN);

    private CollectorOptions() {
    }

    /** The options a running collector can switch ({@link Policies}, {@code /api/v1/policies}, the console). */
    public static List<CollectorOption<?>> live() {
        return ALL.stream().filter(CollectorOption::live).toList();
    }

    /** The option called {@code name} (its snake_case name, as in scenario JSON and error messages). */
    public static Optional<CollectorOption<?>> byName(String name) {
        return ALL.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /** The option a Fluent Bit file key names in {@code section} ({@code plugin}: the output's Name, else null). */
    public static Optional<CollectorOption<?>> byFileKey(CollectorOption.Section section, String plugin, String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(o -> o.readsFileKey(section, plugin, k)).findFirst();
    }

    /** Fluent Bit's {@code Retry_Limit}: a count, {@code no_limits}/{@code false}/{@code off} (forever), {@code no_retries}. */
    static int parseRetryLimit(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("no_limits") || t.equals("false") || t.equals("off")) {
            return CollectorConfig.UNLIMITED_RETRIES;
        }
        if (t.equals("no_retries")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(t);
            if (n < 0) {
                throw new IllegalArgumentException("must be >= 0 (or no_limits), was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + dev.plateau.events.Printable.of(text) + "' is not a number, no_limits or no_retries");
        }
    }
}
