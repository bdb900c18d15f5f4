package dev.plateau.collector;

import java.time.Duration;
import java.util.List;

/**
 * Which Fluent Bit the clone behaves like: a named set of behaviours, each read from the upstream source (tags
 * {@code v5.1.1} and {@code v4.2.8} of github.com/fluent/fluent-bit). A profile sets the defaults it owns
 * ({@link CollectorConfig.Builder#profile}); options given after it still win.
 *
 * <table>
 *   <caption>What each profile sets</caption>
 *   <tr><th>behaviour</th><th>{@code fluent-bit-5.1} (default)</th><th>{@code fluent-bit-4}</th></tr>
 *   <tr><td>request buffer</td><td>session {@code incoming_data} {@code cfl_sds}: 10 KiB, grown by exactly each
 *       read ({@code src/http_server/flb_http_server.c:1251,1374}, {@code lib/cfl/src/cfl_sds.c:328-330})</td>
 *       <td>{@code buffer_chunk_size} at accept, grown a chunk at a time ({@code plugins/in_http/http_conn.c:262,
 *       80-102})</td></tr>
 *   <tr><td>read buffer per connection</td><td>{@code buffer_chunk_size}, allocated at the first read and kept
 *       until close ({@code flb_http_server.c:224-239,1347})</td><td>none (reads straight into the buffer)</td></tr>
 *   <tr><td>idle keep-alive close</td><td>10 s ({@code HTTP_SERVER_DEFAULT_IDLE_TIMEOUT},
 *       {@code include/fluent-bit/http_server/flb_http_server.h:41}; {@code flb_http_server.c:960-961})</td>
 *       <td>never</td></tr>
 *   <tr><td>log event encoder</td><td>created and destroyed per request ({@code process_pack_ng},
 *       {@code plugins/in_http/http_prot.c:857,880})</td><td>one per input, reset per record (kept at its high-water)</td></tr>
 *   <tr><td>{@code buffer_chunk_size} / {@code buffer_max_size}</td><td colspan="2">512K / 4M
 *       ({@code plugins/in_http/http.h:33-34}, config map {@code http.c})</td></tr>
 *   <tr><td>{@code mem_buf_limit}</td><td colspan="2">0 = unlimited (Fluent Bit's default)</td></tr>
 *   <tr><td>body past {@code buffer_max_size}</td><td colspan="2">{@code 413}, {@code Connection: close}
 *       ({@code flb_http_server.c:220-222,1368}; {@code http_conn.c:67,82})</td></tr>
 *   <tr><td>{@code successful_response_code}</td><td colspan="2">201; only 200/201/204, else 201 with a warning
 *       ({@code http.c:115-120})</td></tr>
 * </table>
 *
 * <pre>{@code
 * CollectorConfig c = CollectorConfig.builder().profile(Profile.FLUENT_BIT_4).port(0).build();
 * Profile p = Profile.parse("fluent-bit-5.1");
 * }</pre>
 */
public enum Profile implements OptionType.Choice {
    FLUENT_BIT_5_1("fluent-bit-5.1", BufferModel.V5, Duration.ofSeconds(10), true),
    FLUENT_BIT_4("fluent-bit-4", BufferModel.LEGACY, Duration.ZERO, false);

    /** {@code HTTP_SERVER_DEFAULT_IDLE_TIMEOUT} of Fluent Bit 5. */
    public static final Duration V5_IDLE_TIMEOUT = Duration.ofSeconds(10);

    private final String id;
    private final BufferModel bufferModel;
    private final Duration idleTimeout;
    private final boolean encoderPerRequest;

    Profile(String id, BufferModel bufferModel, Duration idleTimeout, boolean encoderPerRequest) {
        this.id = id;
        this.bufferModel = bufferModel;
        this.idleTimeout = idleTimeout;
        this.encoderPerRequest = encoderPerRequest;
    }

    /** The name used by the CLI ({@code --profile}), config files and scenarios. */
    public String id() {
        return id;
    }

    @Override
    public String text() {
        return id;
    }

    /** {@code v5} (session buffer) or {@code legacy} (chunk growth). */
    public BufferModel bufferModel() {
        return bufferModel;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** True when the log event encoder is destroyed after every request, whatever the reinit policy says. */
    public boolean encoderPerRequest() {
        return encoderPerRequest;
    }

    /** Fluent Bit's {@code mem_buf_limit} default: unlimited. */
    public long memBufLimit() {
        return 0;
    }

    /** The options whose defaults this profile sets ({@link CollectorConfig.Builder#profile}), with its values. */
    public List<Owned<?>> owned() {
        return List.of(new Owned<>(CollectorOptions.BUFFER_MODEL, bufferModel),
                new Owned<>(CollectorOptions.IDLE_TIMEOUT, idleTimeout),
                new Owned<>(CollectorOptions.MEM_BUF_LIMIT, memBufLimit()));
    }

    /** One default a profile owns: {@code option} is {@code value} unless given explicitly. */
    public record Owned<T>(CollectorOption<T> option, T value) {
    }

    @Override
    public String toString() {
        return id;
    }
}
