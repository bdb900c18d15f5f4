package dev.plateau.jmh;

import dev.plateau.collector.EncoderStats;
import dev.plateau.collector.encode.EventTime;
import dev.plateau.collector.encode.LogEventEncoder;
import dev.plateau.collector.encode.RecordException;
import dev.plateau.collector.encode.RequestContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JSON (or form) body → Fluent Bit V2 msgpack events, the collector's per-request work: one
 * {@link LogEventEncoder} (as one event loop owns), the body in a direct buffer from the unpooled allocator (as
 * the connection buffer holds it), {@code encode} then {@code reset()} per operation (upstream semantics: the
 * encoder keeps its high-water capacity, so steady state allocates no encoder buffer). Compare with
 * {@link JacksonParseBenchmark} on the same bytes; {@link JmhMain} prints MB/s and the ratio.
 *
 * <pre>{@code
 * mvn -Pbench -DskipTests verify -Djmh.args="EncoderBenchmark -p body=large -prof gc"
 * mvn -Pbench -DskipTests verify -Djmh.args="EncoderBenchmark -p body=large -p memory=direct,heap"
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EncoderBenchmark {
    @Param({"small", "large", "form"})
    public String body;

    /** Where the body lies: {@code direct} (as in the collector's connection buffer) or {@code heap} (Jackson's byte[] path). */
    @Param({"direct"})
    public String memory;

    private LogEventEncoder encoder;
    private ByteBuf buf;
    private RequestContext ctx;
    private boolean form;

    @Setup(Level.Trial)
    public void setUp() throws RecordException {
        byte[] bytes = Bodies.bytes(body);
        buf = ("heap".equals(memory) ? UnpooledByteBufAllocator.DEFAULT.heapBuffer(bytes.length)
                : UnpooledByteBufAllocator.DEFAULT.directBuffer(bytes.length)).writeBytes(bytes);
        encoder = new LogEventEncoder(UnpooledByteBufAllocator.DEFAULT, new EncoderStats());
        ctx = new RequestContext(EventTime.now(), "bench", null, "REMOTE_ADDR", null);
        form = "form".equals(body);
        if (encode().records() < 1) {
            throw new IllegalStateException("body '" + body + "' encoded no record");
        }
        encoder.reset();
    }

    @Benchmark
    public int encode_reset() throws RecordException {
        int records = encode().records();
        encoder.reset();
        return records;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoder.destroy();
        buf.release();
    }

    private LogEventEncoder.Batch encode() throws RecordException {
        buf.readerIndex(0);
        return form ? encoder.encodeForm(buf, ctx) : encoder.encodeJson(buf, ctx);
    }
}
