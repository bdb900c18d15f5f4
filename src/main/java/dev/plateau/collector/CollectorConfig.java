package dev.plateau.collector;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the embedded collector is started with. Validated on construction: a bad value throws
 * {@link IllegalArgumentException} whose message names the option (Fluent Bit's name) and what is allowed.
 * Defaults are Fluent Bit 5.1's ({@link Profile#FLUENT_BIT_5_1}), except {@code listen} (loopback: a desktop tool must
 * not open a port to the network unasked) and {@code workers} (1, like in_http).
 *
 * <pre>{@code
 * CollectorConfig cfg = CollectorConfig.builder().port(0).bufferChunkSize(Sizes.parseSize("1M"))
 *         .bufferMaxSize(Sizes.parseSize("8M")).shrink(true).build();
 * }</pre>
 *
 * @param listen                 address to bind ({@code listen}); default {@code 127.0.0.1}
 * @param port                   TCP port ({@code port}); default 9880, {@code 0} picks a free port
 * @param bufferChunkSize        {@code buffer_chunk_size}: allocated per connection at accept and the growth step; default 512K
 * @param bufferMaxSize          {@code buffer_max_size}: a request needing more gets 413; default 4M
 * @param successfulResponseCode {@code successful_response_code}: 200, 201 or 204; default 201
 * @param tag                    tag used for path {@code /}; default {@code http.0}
 * @param tagKey                 {@code tag_key}: take the tag from this string field of each record, or {@code null}
 * @param successHeaders         {@code success_header}: extra headers on success
 * @param addRemoteAddr          {@code add_remote_addr}: copy the first X-Forwarded-For entry into each record
 * @param remoteAddrKey          {@code remote_addr_key}; default {@code REMOTE_ADDR}
 * @param output                 {@code null}, {@code file:PATH} or {@code http://host:port/path}
 * @param fileFormat             for file output: {@code out_file} (Fluent Bit's default) or {@code json_lines}
 * @param flush                  {@code Flush}: how often the flusher hands chunks to the output; default 1s
 * @param memBufLimit            {@code mem_buf_limit}: chunk bytes held before requests get 503; 0 = unlimited (default, upstream)
 * @param shrink                 initial shrink policy; default off (upstream)
 * @param reinit                 initial reinit policy; default off (upstream)
 * @param idleTimeout            initial idle timeout; {@link Duration#ZERO} = never; default the profile's (10s in 5.1, never in 4)
 * @param headerTimeout          a request whose head has not fully arrived in this time is closed; 0 = never
 * @param monitorPort            monitoring HTTP server port (Fluent Bit's 2020); 0 = off
 * @param workers                {@code workers}: event-loop threads; default 1
 * @param maxConnections         {@code max_connections}: 0 = unlimited
 * @param http2                  {@code http2}: accept h2c on the same port; default on
 * @param bufferModel            {@code legacy} (chunk growth, DESIGN.md) or {@code v5}; default the profile's
 * @param allocator              allocator of connection and encoder buffers: {@code unpooled} (default: malloc/free like Fluent Bit, so RSS follows), {@code adaptive} or {@code pooled} (Netty pools: keep chunks after release)
 * @param bearerToken            if set, ingestion and the policies endpoint require {@code Authorization: Bearer TOKEN}
 * @param outputCompress         http output {@code compress}: {@code none} (default) or {@code gzip}
 * @param retryLimit             output {@code Retry_Limit}: retries of a failed chunk before it is dropped; default 1
 *                               (Fluent Bit's), {@link #UNLIMITED_RETRIES} = {@code no_limits}
 * @param profile                which Fluent Bit the clone behaves like ({@link Profile}); default {@code fluent-bit-5.1}
 * @param trim                   initial Trim policy (lower malloc thresholds, {@code malloc_trim(0)} after each flush); default off
 */
public record CollectorConfig(
        String listen,
        int port,
        long bufferChunkSize,
        long bufferMaxSize,
        int successfulResponseCode,
        String tag,
        String tagKey,
        List<Header> successHeaders,
        boolean addRemoteAddr,
        String remoteAddrKey,
        String output,
        String fileFormat,
        Duration flush,
        long memBufLimit,
        boolean shrink,
        boolean reinit,
        Duration idleTimeout,
        Duration headerTimeout,
        int monitorPort,
        int workers,
        int maxConnections,
        boolean http2,
        String bufferModel,
        String allocator,
        String bearerToken,
        String outputCompress,
        int retryLimit,
        Profile profile,
        boolean trim) {

    public static final Set<Integer> ALLOWED_SUCCESS_CODES = Set.of(200, 201, 204);
    public static final Set<String> FILE_FORMATS = Set.of("out_file", "json_lines");
    public static final Set<String> BUFFER_MODELS = Set.of("legacy", "v5");
    public static final Set<String> ALLOCATORS = Set.of("adaptive", "pooled", "unpooled");
    public static final Set<String> COMPRESSIONS = Set.of("none", "gzip");
    /** {@code Retry_Limit no_limits} / {@code False}: retry forever. */
    public static final int UNLIMITED_RETRIES = -1;

    /** One {@code success_header}: written as {@code Name Value} in Fluent Bit's config. */
    public record Header(String name, String value) {
        public Header {
            if (name == null || name.isBlank() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new IllegalArgumentException("success_header: '" + name + "' is not a valid header name");
            }
            if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("success_header: value of '" + name + "' must be one line");
            }
        }

        /** Parses Fluent Bit's {@code Name Value} form (also accepts {@code Name: Value}). */
        public static Header parse(String text) {
            String t = text.trim();
            int sep = t.indexOf(':');
            int space = t.indexOf(' ');
            int at = sep > 0 && (space < 0 || sep < space) ? sep : space;
            if (at <= 0) {
                throw new IllegalArgumentException("success_header: '" + text + "' must be 'Name Value'");
            }
            return new Header(t.substring(0, at).trim(), t.substring(at + 1).trim());
        }
    }

    public CollectorConfig {
        Objects.requireNonNull(listen, "listen");
        if (listen.isBlank()) {
            throw new IllegalArgumentException("listen: must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: must be 0-65535, was " + port);
        }
        if (bufferChunkSize <= 0) {
            throw new IllegalArgumentException("buffer_chunk_size: must be > 0, was " + bufferChunkSize);
        }
        if (bufferMaxSize <= 0) {
            throw new IllegalArgumentException("buffer_max_size: must be > 0, was " + bufferMaxSize);
        }
        if (bufferChunkSize > bufferMaxSize) {
            throw new IllegalArgumentException("buffer_chunk_size (" + bufferChunkSize
                    + ") must not be larger than buffer_max_size (" + bufferMaxSize + ")");
        }
        if (bufferMaxSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("buffer_max_size: at most " + (Integer.MAX_VALUE - 8) + " bytes, was " + bufferMaxSize);
        }
        if (!ALLOWED_SUCCESS_CODES.contains(successfulResponseCode)) {
            throw new IllegalArgumentException("successful_response_code: must be 200, 201 or 204, was " + successfulResponseCode);
        }
        if (tag == null || tag.isBlank()) {
            throw new IllegalArgumentException("tag: must not be empty");
        }
        if (tagKey != null && tagKey.isBlank()) {
            tagKey = null;
        }
        successHeaders = List.copyOf(successHeaders == null ? List.of() : successHeaders);
        if (remoteAddrKey == null || remoteAddrKey.isBlank()) {
            throw new IllegalArgumentException("remote_addr_key: must not be empty");
        }
        Objects.requireNonNull(output, "output");
        if (!(output.equals("null") || output.startsWith("file:") && output.length() > 5
                || output.startsWith("http://") || output.startsWith("https://"))) {
            throw new IllegalArgumentException("output: must be null, file:PATH or http://host:port/path, was '" + output + "'");
        }
        if (!FILE_FORMATS.contains(fileFormat)) {
            throw new IllegalArgumentException("file format: must be out_file or json_lines, was '" + fileFormat + "'");
        }
        if (flush == null || flush.isNegative() || flush.isZero()) {
            throw new IllegalArgumentException("flush: must be > 0, was " + flush);
        }
        if (memBufLimit < 0) {
            throw new IllegalArgumentException("mem_buf_limit: must be >= 0 (0 = unlimited), was " + memBufLimit);
        }
        if (idleTimeout == null || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idle_timeout: must be >= 0 (0 = never), was " + idleTimeout);
        }
        if (headerTimeout == null || headerTimeout.isNegative()) {
            throw new IllegalArgumentException("header_timeout: must be >= 0 (0 = never), was " + headerTimeout);
        }
        if (monitorPort < 0 || monitorPort > 65535) {
            throw new IllegalArgumentException("monitor port: must be 0-65535 (0 = off), was " + monitorPort);
        }
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers: must be 1-256, was " + workers);
        }
        if (maxConnections < 0) {
            throw new IllegalArgumentException("max_connections: must be >= 0 (0 = unlimited), was " + maxConnections);
        }
        if (!BUFFER_MODELS.contains(bufferModel)) {
            throw new IllegalArgumentException("buffer model: must be legacy or v5, was '" + bufferModel + "'");
        }
        if (!ALLOCATORS.contains(allocator)) {
            throw new IllegalArgumentException("allocator: must be adaptive, pooled or unpooled, was '" + allocator + "'");
        }
        if (bearerToken != null && bearerToken.isBlank()) {
            bearerToken = null;
        }
        if (!COMPRESSIONS.contains(outputCompress)) {
            throw new IllegalArgumentException("compress: must be none or gzip, was '" + outputCompress + "'");
        }
        Objects.requireNonNull(profile, "profile");
        if (retryLimit < UNLIMITED_RETRIES) {
            throw new IllegalArgumentException("retry_limit: must be >= 0 (or no_limits), was " + retryLimit);
        }
    }

    /** Parses Fluent Bit's {@code Retry_Limit}: a count, or {@code no_limits}/{@code false}/{@code off} = unlimited. */
    public static int parseRetryLimit(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("no_limits") || t.equals("false") || t.equals("off")) {
            return UNLIMITED_RETRIES;
        }
        if (t.equals("no_retries")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(t);
            if (n < 0) {
                throw new IllegalArgumentException("retry_limit: must be >= 0 (or no_limits), was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("retry_limit: '" + text + "' is not a number, no_limits or no_retries");
        }
    }

    /**
     * True when no bearer token is configured, or {@code authorizationHeader} is exactly {@code Bearer TOKEN}.
     * Compared in constant time ({@link java.security.MessageDigest#isEqual}), so the answer's timing does not
     * tell how much of a guessed token was right.
     */
    public boolean authorizes(String authorizationHeader) {
        if (bearerToken == null) {
            return true;
        }
        if (authorizationHeader == null) {
            return false;
        }
        byte[] expected = ("Bearer " + bearerToken).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] given = authorizationHeader.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.security.MessageDigest.isEqual(expected, given);
    }

    /** Maps any code to an allowed one the way Fluent Bit does: not 200/201/204 → 201 (caller warns). */
    public static int effectiveSuccessCode(int requested) {
        return ALLOWED_SUCCESS_CODES.contains(requested) ? requested : 201;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.listen = listen;
        b.port = port;
        b.bufferChunkSize = bufferChunkSize;
        b.bufferMaxSize = bufferMaxSize;
        b.successfulResponseCode = successfulResponseCode;
        b.tag = tag;
        b.tagKey = tagKey;
        b.successHeaders = successHeaders;
        b.addRemoteAddr = addRemoteAddr;
        b.remoteAddrKey = remoteAddrKey;
        b.output = output;
        b.fileFormat = fileFormat;
        b.flush = flush;
        b.memBufLimit = memBufLimit;
        b.shrink = shrink;
        b.reinit = reinit;
        b.idleTimeout = idleTimeout;
        b.headerTimeout = headerTimeout;
        b.monitorPort = monitorPort;
        b.workers = workers;
        b.maxConnections = maxConnections;
        b.http2 = http2;
        b.bufferModel = bufferModel;
        b.allocator = allocator;
        b.bearerToken = bearerToken;
        b.outputCompress = outputCompress;
        b.retryLimit = retryLimit;
        b.profile = profile;
        b.trim = trim;
        return b;
    }

    /** Mutable builder with Plateau's defaults; {@link #build()} validates. */
    public static final class Builder {
        private String listen = "127.0.0.1";
        private int port = 9880;
        private long bufferChunkSize = 512_000;
        private long bufferMaxSize = 4_000_000;
        private int successfulResponseCode = 201;
        private String tag = "http.0";
        private String tagKey;
        private List<Header> successHeaders = List.of();
        private boolean addRemoteAddr;
        private String remoteAddrKey = "REMOTE_ADDR";
        private String output = "null";
        private String fileFormat = "out_file";
        private Duration flush = Duration.ofSeconds(1);
        private long memBufLimit = Profile.FLUENT_BIT_5_1.memBufLimit();
        private boolean shrink;
        private boolean reinit;
        private Duration idleTimeout = Profile.FLUENT_BIT_5_1.idleTimeout();
        private Duration headerTimeout = Duration.ofSeconds(30);
        private int monitorPort = 2020;
        private int workers = 1;
        private int maxConnections;
        private boolean http2 = true;
        private String bufferModel = Profile.FLUENT_BIT_5_1.bufferModel();
        private String allocator = "unpooled";
        private String bearerToken;
        private String outputCompress = "none";
        private int retryLimit = 1;
        private Profile profile = Profile.FLUENT_BIT_5_1;
        private boolean trim;

        public Builder listen(String v) { listen = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder bufferChunkSize(long v) { bufferChunkSize = v; return this; }
        public Builder bufferMaxSize(long v) { bufferMaxSize = v; return this; }
        public Builder successfulResponseCode(int v) { successfulResponseCode = v; return this; }
        public Builder tag(String v) { tag = v; return this; }
        public Builder tagKey(String v) { tagKey = v; return this; }
        public Builder successHeaders(List<Header> v) { successHeaders = v; return this; }
        public Builder addRemoteAddr(boolean v) { addRemoteAddr = v; return this; }
        public Builder remoteAddrKey(String v) { remoteAddrKey = v; return this; }
        public Builder output(String v) { output = v; return this; }
        public Builder fileFormat(String v) { fileFormat = v; return this; }
        public Builder flush(Duration v) { flush = v; return this; }
        public Builder memBufLimit(long v) { memBufLimit = v; return this; }
        public Builder shrink(boolean v) { shrink = v; return this; }
        public Builder reinit(boolean v) { reinit = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder headerTimeout(Duration v) { headerTimeout = v; return this; }
        public Builder monitorPort(int v) { monitorPort = v; return this; }
        public Builder workers(int v) { workers = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder http2(boolean v) { http2 = v; return this; }
        public Builder bufferModel(String v) { bufferModel = v; return this; }
        public Builder allocator(String v) { allocator = v; return this; }
        public Builder bearerToken(String v) { bearerToken = v; return this; }
        public Builder outputCompress(String v) { outputCompress = v; return this; }
        public Builder retryLimit(int v) { retryLimit = v; return this; }
        public Builder trim(boolean v) { trim = v; return this; }

        /** Selects a profile and applies its defaults (buffer model, idle timeout, mem_buf_limit); set overrides after. */
        public Builder profile(Profile p) {
            profile = p;
            bufferModel = p.bufferModel();
            idleTimeout = p.idleTimeout();
            memBufLimit = p.memBufLimit();
            return this;
        }

        public CollectorConfig build() {
            return new CollectorConfig(listen, port, bufferChunkSize, bufferMaxSize, successfulResponseCode, tag, tagKey,
                    successHeaders, addRemoteAddr, remoteAddrKey, output, fileFormat, flush, memBufLimit, shrink, reinit,
                    idleTimeout, headerTimeout, monitorPort, workers, maxConnections, http2, bufferModel, allocator,
                    bearerToken, outputCompress, retryLimit, profile, trim);
        }
    }
}
