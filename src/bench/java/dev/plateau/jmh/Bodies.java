package dev.plateau.jmh;

import dev.plateau.load.PayloadGenerator;
import java.nio.charset.StandardCharsets;

/**
 * The request bodies the JMH benchmarks encode: the same bytes in every fork and every run.
 * {@code small} is one ~200 B JSON record (what a sidecar shipping line by line sends), {@code large} is
 * {@link PayloadGenerator#jsonArray(int, long) 4500 generated lines} (~5 MB, the seed's case) and {@code form}
 * is a ~200 B {@code application/x-www-form-urlencoded} body with escapes.
 *
 * <pre>{@code
 * byte[] body = Bodies.bytes("large");
 * }</pre>
 */
public final class Bodies {
    public static final int LARGE_LINES = 4500;

    private static final String SMALL = "{\"timestamp\":\"2026-01-15T08:00:00.123Z\",\"level\":\"INFO\","
            + "\"logger\":\"com.example.orders.OrderService\",\"thread\":\"http-nio-8080-exec-17\","
            + "\"message\":\"POST /api/v1/orders/4711 -> 201: order reserved\",\"sequence\":42}";
    private static final String FORM = "timestamp=2026-01-15T08%3A00%3A00.123Z&level=INFO"
            + "&logger=com.example.orders.OrderService&thread=http-nio-8080-exec-17"
            + "&message=POST+%2Fapi%2Fv1%2Forders%2F4711+-%3E+201%3A+order+reserved&sequence=42";

    private static byte[] large;

    private Bodies() {
    }

    /** The body named {@code small}, {@code large} or {@code form}. */
    public static byte[] bytes(String name) {
        return switch (name) {
            case "small" -> SMALL.getBytes(StandardCharsets.UTF_8);
            case "form" -> FORM.getBytes(StandardCharsets.UTF_8);
            case "large" -> large();
            default -> throw new IllegalArgumentException("body: small, large or form, was '" + name + "'");
        };
    }

    private static synchronized byte[] large() {
        if (large == null) {
            large = PayloadGenerator.jsonArray(LARGE_LINES, PayloadGenerator.DEFAULT_SEED);
        }
        return large.clone();
    }
}
