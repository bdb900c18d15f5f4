package dev.plateau.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floor the encoder cannot beat: Jackson's streaming parser tokenising the same JSON bytes and doing
 * nothing else (a {@code nextToken()} loop over a {@code byte[]}, Jackson's fastest input). Strings are not
 * materialised, so this is a lower bound on the encoder's parse cost, not an equal-work comparison.
 *
 * <pre>{@code
 * mvn -Pbench -DskipTests verify -Djmh.args="JacksonParseBenchmark -p body=large"
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JacksonParseBenchmark {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Param({"small", "large"})
    public String body;

    private byte[] bytes;

    @Setup
    public void setUp() {
        bytes = Bodies.bytes(body);
    }

    @Benchmark
    public int parse_only() throws IOException {
        int tokens = 0;
        try (JsonParser parser = JSON.createParser(bytes)) {
            while (parser.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }

    /** Tokens plus every string and field name decoded to a {@code String}: what the encoder also has to do. */
    @Benchmark
    public int parse_strings() throws IOException {
        int chars = 0;
        try (JsonParser parser = JSON.createParser(bytes)) {
            JsonToken t;
            while ((t = parser.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME || t == JsonToken.VALUE_STRING) {
                    chars += parser.getText().length();
                }
            }
        }
        return chars;
    }
}
