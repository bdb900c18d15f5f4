package dev.plateau.collector;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the embedded collector is started with: typed storage for the options declared in
 * {@link CollectorOptions} (names, defaults, parsers and docs live there, not here). The builder starts from the
 * catalogue's defaults and checks each value as it is set; {@link Builder#build()} checks what spans options
 * ({@code buffer_chunk_size <= buffer_max_size}). A bad value throws {@link IllegalArgumentException} whose message
 * starts with the option's name and says what is allowed. The defaults are Fluent Bit 5.1's ({@link Profile}); choosing
 * another profile sets the defaults it owns ({@link Profile#owned()}) except those set explicitly, in any order.
 *
 * <pre>{@code
 * CollectorConfig cfg = CollectorConfig.builder().port(0).bufferChunkSize(Sizes.parseSize("1M"))
 *         .bufferMaxSize(Sizes.parseSize("8M")).shrink(true).build();
 * }</pre>
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
        FileFormat fileFormat,
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
        BufferModel bufferModel,
        AllocatorKind allocator,
        String bearerToken,
        Compression outputCompress,
        int retryLimit,
        Profile profile,
        boolean trim) {

    /** {@code Retry_Limit no_limits} / {@code False}: retry forever. */
    public static final int UNLIMITED_RETRIES = -1;

    /** One {@code success_header}: written as {@code Name Value} in Fluent Bit's config. */
    public record Header(String name, String value) {
        public Header {
            if (name == null || name.isBlank() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new IllegalArgumentException("'" + dev.plateau.events.Printable.of(name) + "' is not a valid header name");
            }
            if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("value of '" + name + "' must be one line");
            }
        }

        /** Parses Fluent Bit's {@code Name Value} form (also accepts {@code Name: Value}). */
        public static Header parse(String text) {
            String t = text.trim();
            int sep = t.indexOf(':');
            int space = t.indexOf(' ');
            int at = sep > 0 && (space < 0 || sep < space) ? sep : space;
            if (at <= 0) {
                throw new IllegalArgumentException("'" + dev.plateau.events.Printable.of(text) + "' must be 'Name Value'");
            }
            return new Header(t.substring(0, at).trim(), t.substring(at + 1).trim());
        }
    }

    public CollectorConfig {
        if (bufferChunkSize > bufferMaxSize) {
            throw new IllegalArgumentException(CollectorOptions.BUFFER_CHUNK_SIZE.name() + " (" + bufferChunkSize
                    + ") must not be larger than " + CollectorOptions.BUFFER_MAX_SIZE.name() + " (" + bufferMaxSize + ")");
        }
        if (tagKey != null && tagKey.isBlank()) {
            tagKey = null;
        }
        successHeaders = List.copyOf(successHeaders == null ? List.of() : successHeaders);
        if (bearerToken != null && bearerToken.isBlank()) {
            bearerToken = null;
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

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config; the profile-owned values that differ from the profile's count as set explicitly. */
    public Builder toBuilder() {
        Builder b = new Builder();
        for (CollectorOption<?> o : CollectorOptions.ALL) {
            b.values.put(o, o.get(this));
        }
        for (Profile.Owned<?> owned : profile.owned()) {
            if (!java.util.Objects.equals(owned.option().get(this), owned.value())) {
                b.typed.add(owned.option());
            }
        }
        return b;
    }

    /**
     * Builder holding one value per catalogue option, starting from {@link CollectorOption#defaultValue()}; each
     * value is checked as it is set ({@link CollectorOption#validate}), {@link #build()} checks the rest.
     */
    public static final class Builder {
        private final Map<CollectorOption<?>, Object> values = new HashMap<>();
        /** Options set explicitly: a profile chosen before or after does not change them. */
        private final Set<CollectorOption<?>> typed = new HashSet<>();

        private Builder() {
            for (CollectorOption<?> o : CollectorOptions.ALL) {
                values.put(o, o.defaultValue());
            }
        }

        /** Sets {@code option}; throws {@link IllegalArgumentException} ({@code name: problem}) if not allowed. */
        public <T> Builder set(CollectorOption<T> option, T value) {
            option.validate(value);
            values.put(option, value);
            typed.add(option);
            if (option == CollectorOptions.PROFILE) {
                ((Profile) value).owned().forEach(this::ownedDefault);
            }
            return this;
        }

        private <T> void ownedDefault(Profile.Owned<T> owned) {
            if (!typed.contains(owned.option())) {
                values.put(owned.option(), owned.value());
            }
        }

        /** Like {@link #set}, but a {@link CollectorOption#multiple()} option's list grows by {@code value}. */
        @SuppressWarnings("unchecked")
        <T> Builder add(CollectorOption<T> option, T value) {
            if (option.multiple() && value instanceof List<?> more) {
                List<Object> all = new java.util.ArrayList<>((List<Object>) values.get(option));
                all.addAll(more);
                return set(option, (T) List.copyOf(all));
            }
            return set(option, value);
        }

        /** The value {@code option} has in this builder. */
        @SuppressWarnings("unchecked")
        public <T> T get(CollectorOption<T> option) {
            return (T) values.get(option);
        }

        public Builder listen(String v) { return set(CollectorOptions.LISTEN, v); }
        public Builder port(int v) { return set(CollectorOptions.PORT, v); }
        public Builder bufferChunkSize(long v) { return set(CollectorOptions.BUFFER_CHUNK_SIZE, v); }
        public Builder bufferMaxSize(long v) { return set(CollectorOptions.BUFFER_MAX_SIZE, v); }
        public Builder successfulResponseCode(int v) { return set(CollectorOptions.SUCCESSFUL_RESPONSE_CODE, v); }
        public Builder tag(String v) { return set(CollectorOptions.TAG, v); }
        public Builder tagKey(String v) { return set(CollectorOptions.TAG_KEY, v); }
        public Builder successHeaders(List<Header> v) { return set(CollectorOptions.SUCCESS_HEADER, List.copyOf(v)); }
        public Builder addRemoteAddr(boolean v) { return set(CollectorOptions.ADD_REMOTE_ADDR, v); }
        public Builder remoteAddrKey(String v) { return set(CollectorOptions.REMOTE_ADDR_KEY, v); }
        public Builder output(String v) { return set(CollectorOptions.OUTPUT_SPEC, v); }
        public Builder fileFormat(FileFormat v) { return set(CollectorOptions.FILE_FORMAT, v); }
        public Builder flush(Duration v) { return set(CollectorOptions.FLUSH, v); }
        public Builder memBufLimit(long v) { return set(CollectorOptions.MEM_BUF_LIMIT, v); }
        public Builder shrink(boolean v) { return set(CollectorOptions.SHRINK, v); }
        public Builder reinit(boolean v) { return set(CollectorOptions.REINIT, v); }
        public Builder idleTimeout(Duration v) { return set(CollectorOptions.IDLE_TIMEOUT, v); }
        public Builder headerTimeout(Duration v) { return set(CollectorOptions.HEADER_TIMEOUT, v); }
        public Builder monitorPort(int v) { return set(CollectorOptions.MONITOR_PORT, v); }
        public Builder workers(int v) { return set(CollectorOptions.WORKERS, v); }
        public Builder maxConnections(int v) { return set(CollectorOptions.MAX_CONNECTIONS, v); }
        public Builder http2(boolean v) { return set(CollectorOptions.HTTP2, v); }
        public Builder bufferModel(BufferModel v) { return set(CollectorOptions.BUFFER_MODEL, v); }
        public Builder allocator(AllocatorKind v) { return set(CollectorOptions.ALLOCATOR, v); }
        public Builder bearerToken(String v) { return set(CollectorOptions.TOKEN, v); }
        public Builder outputCompress(Compression v) { return set(CollectorOptions.OUTPUT_COMPRESS, v); }
        public Builder retryLimit(int v) { return set(CollectorOptions.RETRY_LIMIT, v); }
        public Builder trim(boolean v) { return set(CollectorOptions.TRIM, v); }

        /** Selects a profile: the defaults it owns apply to every owned option not set explicitly, before or after. */
        public Builder profile(Profile p) { return set(CollectorOptions.PROFILE, p); }

        public CollectorConfig build() {
            return new CollectorConfig(get(CollectorOptions.LISTEN), get(CollectorOptions.PORT),
                    get(CollectorOptions.BUFFER_CHUNK_SIZE), get(CollectorOptions.BUFFER_MAX_SIZE),
                    get(CollectorOptions.SUCCESSFUL_RESPONSE_CODE), get(CollectorOptions.TAG),
                    get(CollectorOptions.TAG_KEY), get(CollectorOptions.SUCCESS_HEADER),
                    get(CollectorOptions.ADD_REMOTE_ADDR), get(CollectorOptions.REMOTE_ADDR_KEY),
                    get(CollectorOptions.OUTPUT_SPEC), get(CollectorOptions.FILE_FORMAT), get(CollectorOptions.FLUSH),
                    get(CollectorOptions.MEM_BUF_LIMIT), get(CollectorOptions.SHRINK), get(CollectorOptions.REINIT),
                    get(CollectorOptions.IDLE_TIMEOUT), get(CollectorOptions.HEADER_TIMEOUT),
                    get(CollectorOptions.MONITOR_PORT), get(CollectorOptions.WORKERS),
                    get(CollectorOptions.MAX_CONNECTIONS), get(CollectorOptions.HTTP2),
                    get(CollectorOptions.BUFFER_MODEL), get(CollectorOptions.ALLOCATOR), get(CollectorOptions.TOKEN),
                    get(CollectorOptions.OUTPUT_COMPRESS), get(CollectorOptions.RETRY_LIMIT),
                    get(CollectorOptions.PROFILE), get(CollectorOptions.TRIM));
        }
    }
}
