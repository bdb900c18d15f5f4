package dev.plateau.fleet;

import dev.plateau.events.Printable;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code query_range} answer token by token (Jackson's {@link JsonParser}, never a tree), handing each
 * series to a {@link Sink} as soon as its closing bracket is read; only one series' points are held at a time.
 *
 * <pre>{@code
 * {"status":"success","data":{"resultType":"matrix","result":[
 *     {"metric":{"instance":"a:1"},"values":[[1700000000,"123"],[1700000060,"125"]]}, ...]}}
 * }</pre>
 * An answer with {@code "status":"error"} becomes a {@link FleetException} with Prometheus' {@code errorType} and
 * {@code error}; a result type other than {@code matrix} (a vector, a scalar, a string) is refused. Values
 * {@code NaN}, {@code +Inf} and {@code -Inf} are skipped. An answer that is not such JSON (cut, not UTF-8, a pair
 * that is not {@code [number, "number"]}) is a {@link FleetException} of one printable line too; only a failing
 * stream is an {@link IOException}.
 */
final class MatrixReader {
    private static final JsonFactory JSON = new JsonFactory();

    /** Receives each series of the answer, labels first; the points object is reused after the call. */
    interface Sink {
        void series(Map<String, String> labels, Points points);
    }

    private MatrixReader() {
    }

    /** Reads the whole answer; returns the number of series. */
    static int read(InputStream in, Sink sink) throws IOException, FleetException {
        try {
            return readAnswer(in, sink);
        } catch (JsonProcessingException e) {
            throw new FleetException("malformed answer: " + printable(e.getOriginalMessage()), e);
        } catch (CharConversionException | NumberFormatException e) {
            throw new FleetException("malformed answer: " + printable(e.getMessage()), e);
        }
    }

    private static int readAnswer(InputStream in, Sink sink) throws IOException, FleetException {
        int series = 0;
        String status = null;
        String errorType = null;
        String error = null;
        try (JsonParser p = JSON.createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "an answer object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "status" -> status = p.getValueAsString();
                    case "errorType" -> errorType = p.getValueAsString();
                    case "error" -> error = p.getValueAsString();
                    case "data" -> series += readData(p, sink);
                    default -> p.skipChildren();
                }
            }
        }
        if (!"success".equals(status)) {
            throw new FleetException(printable(errorType == null ? "Prometheus answered status " + status + ": " + error
                    : errorType + ": " + error));
        }
        return series;
    }

    private static int readData(JsonParser p, Sink sink) throws IOException, FleetException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return 0;
        }
        int series = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("resultType")) {
                String type = p.getValueAsString();
                if (!"matrix".equals(type)) {
                    throw new FleetException("the answer is a " + printable(type) + ", not a range vector (matrix)");
                }
            } else if (field.equals("result") && p.currentToken() == JsonToken.START_ARRAY) {
                Points points = new Points(256);
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    points.clear();
                    sink.series(readSeries(p, points), points);
                    series++;
                }
            } else {
                p.skipChildren();
            }
        }
        return series;
    }

    private static Map<String, String> readSeries(JsonParser p, Points points) throws IOException, FleetException {
        Map<String, String> labels = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("metric") && t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    labels.put(name, p.getValueAsString());
                }
            } else if (field.equals("values") && t == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_ARRAY) {
                    p.nextToken();
                    long millis = Math.round(p.getDoubleValue() * 1000);
                    p.nextToken();
                    double v = parseValue(String.valueOf(p.getText()));
                    expect(p.nextToken(), JsonToken.END_ARRAY, "the end of a [time, value] pair");
                    if (Double.isFinite(v)) {
                        points.add(millis, v);
                    }
                }
            } else if (field.equals("value")) {
                throw new FleetException("the answer holds instant samples, not a range vector (matrix)");
            } else {
                p.skipChildren();
            }
        }
        return labels;
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static void expect(JsonToken got, JsonToken want, String what) throws FleetException {
        if (got != want) {
            throw new FleetException("malformed answer: expected " + what + ", found " + got);
        }
    }

    /** {@code text} on one printable line: control characters (from the answer) written as {@code \xNN}. */
    private static String printable(String text) {
        return Printable.of(text);
    }
}
