package dev.plateau.collector.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plateau.collector.FileFormat;
import dev.plateau.collector.ChunkQueue;
import dev.plateau.collector.Chunk;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.CollectorException;
import dev.plateau.collector.EncoderStats;
import dev.plateau.collector.Flusher;
import dev.plateau.collector.IngestCounters;
import dev.plateau.collector.encode.EventTime;
import dev.plateau.collector.encode.LogEventEncoder;
import dev.plateau.collector.encode.LogEventEncoder.Batch;
import dev.plateau.collector.encode.RecordException;
import dev.plateau.collector.encode.RequestContext;
import dev.plateau.events.EventLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutputTest {
    private static final EventTime TIME = new EventTime(1_700_000_000L, 123_456_789);
    private static final String RECORD = "{\"a\":\"1\",\"n\":42,\"neg\":-3,\"f\":1.5,\"whole\":2.0,"
            + "\"s\":\"q\\\"\\\\\\n\\t/\u00e9\\u0001\",\"arr\":[1,null,true,false],\"m\":{\"x\":{}},\"big\":18446744073709551615}";
    private static final String RECORD_JSON = "{\"a\":\"1\",\"n\":42,\"neg\":-3,\"f\":1.5,\"whole\":2.0,"
            + "\"s\":\"q\\\"\\\\\\n\\t/\u00e9\\u0001\",\"arr\":[1,null,true,false],\"m\":{\"x\":{}},\"big\":18446744073709551615}";

    @TempDir
    Path dir;

    private final LogEventEncoder encoder = new LogEventEncoder(UnpooledByteBufAllocator.DEFAULT, new EncoderStats());

    @AfterEach
    void closeEncoder() {
        encoder.close();
    }

    private ByteBuf events(String json, String tag) throws RecordException {
        ByteBuf body = Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8));
        try {
            encoder.reset();
            Batch b = encoder.encodeJson(body, new RequestContext(TIME, tag, null, "REMOTE_ADDR", null));
            return encoder.copy(b.groups().get(0));
        } finally {
            body.release();
        }
    }

    @Test
    void outFileFormatIsTagSecondsNanosAndJson() throws Exception {
        Path file = dir.resolve("out.log");
        ByteBuf ev = events("[" + RECORD + ",{\"b\":2}]", "app.log");
        try (FileOutput out = new FileOutput(file, FileFormat.OUT_FILE)) {
            out.write("app.log", ev, 2);
            assertThat(ev.readerIndex()).as("the output only reads").isZero();
        } finally {
            ev.release();
        }
        assertThat(Files.readString(file)).isEqualTo(
                "app.log: [1700000000.123456789, " + RECORD_JSON + "]\n"
                        + "app.log: [1700000000.123456789, {\"b\":2}]\n");
    }

    @Test
    void nanosArePaddedToNineDigits() throws Exception {
        Path file = dir.resolve("pad.log");
        ByteBuf body = Unpooled.wrappedBuffer("{\"a\":\"1\"}".getBytes(StandardCharsets.UTF_8));
        ByteBuf ev;
        try {
            Batch b = encoder.encodeJson(body, new RequestContext(new EventTime(5, 1000), "t", null, "R", null));
            ev = encoder.copy(b.groups().get(0));
        } finally {
            body.release();
        }
        try (FileOutput out = new FileOutput(file, FileFormat.OUT_FILE)) {
            out.write("t", ev, 1);
        } finally {
            ev.release();
        }
        assertThat(Files.readString(file)).isEqualTo("t: [5.000001000, {\"a\":\"1\"}]\n");
    }

    @Test
    void jsonLinesPutsADoubleDateFirst() throws Exception {
        Path file = dir.resolve("out.jsonl");
        ByteBuf ev = events(RECORD + "{\"b\":[2]}", "app");
        try (FileOutput out = new FileOutput(file, FileFormat.JSON_LINES)) {
            out.write("app", ev, 2);
        } finally {
            ev.release();
        }
        assertThat(Files.readString(file)).isEqualTo("{\"date\":1700000000.123457," + RECORD_JSON.substring(1) + "\n"
                + "{\"date\":1700000000.123457,\"b\":[2]}\n");
    }

    @Test
    void chunksAreAppendedAcrossReopens() throws Exception {
        Path file = dir.resolve("append.log");
        for (int i = 0; i < 2; i++) {
            ByteBuf ev = events("{\"i\":" + i + "}", "t");
            try (FileOutput out = new FileOutput(file, FileFormat.OUT_FILE)) {
                out.write("t", ev, 1);
            } finally {
                ev.release();
            }
        }
        assertThat(Files.readAllLines(file)).containsExactly("t: [1700000000.123456789, {\"i\":0}]",
                "t: [1700000000.123456789, {\"i\":1}]");
    }

    @Test
    void aFullDiskIsAnIOException() throws Exception {
        ByteBuf ev = events("{\"a\":1}", "t");
        try (FileOutput out = new FileOutput(Path.of("/dev/full"), FileFormat.OUT_FILE)) {
            assertThatThrownBy(() -> out.write("t", ev, 1)).isInstanceOf(IOException.class)
                    .hasMessageContaining("/dev/full");
        } finally {
            ev.release();
        }
    }

    @Test
    void floatsArePrintedLikeFluentBit() {
        assertThat(EventJson.formatDouble(1.5)).isEqualTo("1.5");
        assertThat(EventJson.formatDouble(2.0)).isEqualTo("2.0");
        assertThat(EventJson.formatDouble(-0.25)).isEqualTo("-0.25");
        assertThat(EventJson.formatDouble(0.1)).isEqualTo("0.1");
        assertThat(EventJson.formatDouble(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(EventJson.formatDouble(123456.789)).isEqualTo("123456.789");
        assertThat(EventJson.formatDouble(1e20)).isEqualTo("1e+20");
        assertThat(EventJson.formatDouble(1.0e-5)).isEqualTo("1e-05");
        assertThat(EventJson.formatDouble(1.25e-7)).isEqualTo("1.25e-07");
        assertThat(EventJson.formatDouble(1700000000.123456789)).isEqualTo("1700000000.123457");
    }

    @Test
    void outputsCreatesTheConfiguredOutput() throws Exception {
        CollectorConfig.Builder b = CollectorConfig.builder();
        try (Output o = Outputs.create(b.output("null").build())) {
            assertThat(o).isInstanceOf(NullOutput.class);
            assertThat(o.name()).isEqualTo("null");
        }
        Path file = dir.resolve("x.log");
        try (Output o = Outputs.create(b.output("file:" + file).fileFormat(FileFormat.JSON_LINES).build())) {
            assertThat(o).isInstanceOf(FileOutput.class);
            assertThat(o.name()).isEqualTo("file:" + file);
        }
        assertThat(file).exists();
        try (Output o = Outputs.create(b.output("http://127.0.0.1:1/x").build())) {
            assertThat(o).isInstanceOf(HttpOutput.class);
            assertThat(o.name()).isEqualTo("http:http://127.0.0.1:1/x");
        }
        assertThatThrownBy(() -> Outputs.create(b.output("https://127.0.0.1:1/x").build()))
                .isInstanceOf(CollectorException.class).hasMessageContaining("TLS is not supported");
        assertThatThrownBy(() -> Outputs.create(b.output("file:" + dir.resolve("no/such/dir/x.log")).build()))
                .isInstanceOf(CollectorException.class).hasMessageContaining("cannot open");
    }

    @Test
    void fileOutputThroughTheFlusherHoldsEveryRecord() throws Exception {
        Path file = dir.resolve("all.log");
        ChunkQueue queue = new ChunkQueue(0);
        IngestCounters counters = new IngestCounters();
        List<Chunk> chunks = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        try (FileOutput out = new FileOutput(file, FileFormat.OUT_FILE)) {
            Flusher flusher = new Flusher(queue, out, counters, Duration.ofMillis(10), new EventLog());
            flusher.start();
            for (int req = 0; req < 50; req++) {
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < 20; i++) {
                    String rec = "{\"req\":" + req + ",\"i\":" + i + ",\"msg\":\"m\u00e9 " + i + "\"}";
                    body.append(i > 0 ? "," : "").append(rec);
                    expected.add("t" + req % 2 + ": [1700000000.123456789, " + rec + "]");
                }
                ByteBuf ev = events(body.append("]").toString(), "t" + req % 2);
                Chunk c = new Chunk("t" + req % 2, ev, 20);
                chunks.add(c);
                counters.recordsIn(20);
                queue.add(c);
            }
            flusher.stopAndDrain();
        }
        assertThat(Files.readAllLines(file)).containsExactlyElementsOf(expected);
        assertThat(counters.recordsOutTotal()).isEqualTo(1000);
        assertThat(chunks).allMatch(c -> c.data().refCnt() == 0);
    }
}
