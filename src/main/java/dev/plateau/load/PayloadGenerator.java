package dev.plateau.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Generates request bodies that look like what log shippers send: a JSON array of application log records,
 * about {@value #APPROX_RECORD_BYTES} bytes each (4500 lines ≈ 5 MB, the seed's case). Each record has a
 * timestamp, level, logger, thread, a message of varying length, trace and span ids, HTTP fields and a nested
 * {@code context} object. The output is deterministic for a seed, so runs are comparable.
 *
 * <pre>{@code
 * byte[] body = PayloadGenerator.jsonArray(4500, 42);      // ~5 MB, same bytes every time
 * Payload p = Payload.fromFile(Path.of("samples/payloads/app-logs-10.json"));
 * }</pre>
 */
public final class PayloadGenerator {
    /** Average size of one generated record in bytes (including the separating comma). */
    public static final int APPROX_RECORD_BYTES = 1100;
    /** Seed used by bursts, so every burst with the same line count sends the same bytes. */
    public static final long DEFAULT_SEED = 42;

    private static final JsonFactory JSON = new JsonFactory();
    private static final long BASE_EPOCH_MS = Instant.parse("2026-01-15T08:00:00Z").toEpochMilli();
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
    private static final String[] LOGGERS = {
        "com.example.orders.OrderService", "com.example.payments.PaymentGateway",
        "com.example.inventory.StockReservation", "com.example.http.RequestLoggingFilter",
        "org.hibernate.engine.jdbc.spi.SqlExceptionHelper", "com.example.auth.TokenValidator"};
    private static final String[] METHODS = {"GET", "GET", "POST", "PUT", "DELETE"};
    private static final String[] PATHS = {"/api/v1/orders", "/api/v1/payments", "/api/v1/stock", "/api/v2/users",
        "/health", "/api/v1/cart/items"};
    private static final int[] STATUSES = {200, 200, 200, 201, 204, 400, 404, 409, 500, 503};
    private static final String[] REGIONS = {"eu-west-1", "eu-central-1", "us-east-1", "ap-southeast-2"};
    private static final String[] WORDS = ("request processed order customer payment authorized declined retry "
            + "timeout upstream downstream connection pool exhausted cache miss hit latency exceeded threshold "
            + "user session token refreshed expired validation failed succeeded inventory reserved released "
            + "batch flushed queue depth backpressure applied database query slow commit rollback").split(" ");

    private PayloadGenerator() {
    }

    /** A JSON array of {@code lines} log records; the same bytes for the same arguments. */
    public static byte[] jsonArray(int lines, long seed) {
        if (lines < 1) {
            throw new IllegalArgumentException("lines: must be >= 1, was " + lines);
        }
        SplittableRandom random = new SplittableRandom(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(lines * (APPROX_RECORD_BYTES + 64));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (int i = 0; i < lines; i++) {
                writeRecord(json, i, random);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeRecord(JsonGenerator json, int index, SplittableRandom random) throws IOException {
        String method = pick(METHODS, random);
        String path = pick(PATHS, random) + "/" + random.nextInt(1_000_000);
        int status = STATUSES[random.nextInt(STATUSES.length)];
        json.writeStartObject();
        json.writeStringField("timestamp", Instant.ofEpochMilli(BASE_EPOCH_MS + index * 37L + random.nextInt(37)).toString());
        json.writeStringField("level", pick(LEVELS, random));
        json.writeStringField("logger", pick(LOGGERS, random));
        json.writeStringField("thread", "http-nio-8080-exec-" + (1 + random.nextInt(200)));
        json.writeStringField("message", method + " " + path + " -> " + status + ": " + sentence(random));
        json.writeStringField("trace_id", hex(random, 32));
        json.writeStringField("span_id", hex(random, 16));
        json.writeNumberField("sequence", index);
        json.writeObjectFieldStart("http");
        json.writeStringField("method", method);
        json.writeStringField("path", path);
        json.writeNumberField("status", status);
        json.writeNumberField("duration_ms", Math.round(random.nextDouble() * 250_000) / 1000.0);
        json.writeNumberField("response_bytes", random.nextInt(64_000));
        json.writeStringField("client_ip", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
        json.writeStringField("user_agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                + (120 + random.nextInt(10)) + ".0." + random.nextInt(7000) + ".0 Safari/537.36");
        json.writeEndObject();
        json.writeObjectFieldStart("context");
        json.writeStringField("service", "orders-api");
        json.writeStringField("environment", "production");
        json.writeStringField("region", pick(REGIONS, random));
        json.writeStringField("host", "ip-10-0-" + random.nextInt(64) + "-" + random.nextInt(256) + ".internal");
        json.writeStringField("pod", "orders-api-7d9f8b6c5-" + hex(random, 5));
        json.writeStringField("version", "3." + random.nextInt(20) + "." + random.nextInt(10));
        json.writeObjectFieldStart("user");
        json.writeStringField("id", "u-" + hex(random, 12));
        json.writeStringField("tenant", "tenant-" + random.nextInt(40));
        json.writeBooleanField("authenticated", random.nextInt(10) > 0);
        json.writeEndObject();
        json.writeArrayFieldStart("tags");
        json.writeString("java");
        json.writeString("spring-boot");
        json.writeString(status >= 500 ? "alert" : "normal");
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static String sentence(SplittableRandom random) {
        int words = 22 + random.nextInt(30);
        StringBuilder sb = new StringBuilder(words * 9);
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                sb.append(' ');
            }
            sb.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.append('.').toString();
    }

    private static String hex(SplittableRandom random, int digits) {
        char[] out = new char[digits];
        for (int i = 0; i < digits; i++) {
            out[i] = Character.forDigit(random.nextInt(16), 16);
        }
        return new String(out);
    }

    private static String pick(String[] values, SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }
}
