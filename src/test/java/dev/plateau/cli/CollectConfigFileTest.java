package dev.plateau.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.collector.CollectorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code plateau collect --config FILE}: the file's keys, its warnings and errors, and flags overriding it. */
class CollectConfigFileTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine cmd = Main.commandLine();
    private final CollectCommand collect = cmd.getSubcommands().get("collect").getCommand();

    @TempDir
    Path dir;

    CollectConfigFileTest() {
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
    }

    /** Starts {@code collect} with {@code args}, waits until it listens, returns its exit code future. */
    private CompletableFuture<Integer> start(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "collect";
        System.arraycopy(args, 0, all, 1, args.length);
        CompletableFuture<Integer> rc = CompletableFuture.supplyAsync(() -> cmd.execute(all), OwnThread.EXECUTOR);
        await().atMost(Duration.ofSeconds(20)).until(() -> collect.collector() != null || rc.isDone());
        return rc;
    }

    @AfterEach
    void stopWhatATestLeftRunning() {
        collect.requestStop();
    }

    private int stop(CompletableFuture<Integer> rc) throws Exception {
        collect.requestStop();
        return rc.get(30, TimeUnit.SECONDS);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsTheFileAndTypedFlagsOverrideIt() throws Exception {
        Path conf = write("fb.conf", """
                [SERVICE]
                    Flush 2
                    HTTP_Server Off
                [INPUT]
                    Name http
                    Port 9999
                    Buffer_Chunk_Size 1M
                    Buffer_Max_Size 8M
                    Mystery_Key 1
                [OUTPUT]
                    Name null
                    Match *
                    Retry_Limit no_limits
                """);
        CompletableFuture<Integer> rc = start("--config", conf.toString(), "--port", "0", "--buffer-chunk-size", "2M");
        CollectorConfig c = collect.collector().config();
        assertThat(c.port()).as("flag").isZero();
        assertThat(c.bufferChunkSize()).as("flag").isEqualTo(2_000_000);
        assertThat(c.bufferMaxSize()).as("file, not the flag's default 4M").isEqualTo(8_000_000);
        assertThat(c.flush()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.monitorPort()).as("HTTP_Server Off").isZero();
        assertThat(c.retryLimit()).isEqualTo(CollectorConfig.UNLIMITED_RETRIES);
        assertThat(out.toString()).contains("warning: " + conf + ":9: unknown http input key 'mystery_key'");
        assertThat(stop(rc)).isZero();
    }

    @Test
    void invalidValueExitsTwoWithFileAndLine() throws Exception {
        Path conf = write("bad.conf", "[INPUT]\n    Name http\n    Buffer_Max_Size lots\n");
        int rc = cmd.execute("collect", "--config", conf.toString(), "--port", "0");
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("plateau collect: " + conf + ":3: buffer_max_size").hasLineCount(1);
        assertThat(out.toString()).doesNotContain("listening");
    }

    @Test
    void missingFileExitsTwo() {
        int rc = cmd.execute("collect", "--config", dir.resolve("nope.conf").toString());
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("nope.conf");
    }

    @Test
    void yamlFileWithHttpOutputAndGzip() throws Exception {
        Path yaml = write("fb.yaml", """
                service:
                  flush: 1
                pipeline:
                  inputs:
                    - name: http
                      port: 9999
                      buffer_chunk_size: 64K
                      buffer_max_size: 1M
                  outputs:
                    - name: http
                      match: '*'
                      host: 127.0.0.1
                      port: 1
                      uri: /sink
                      compress: gzip
                      retry_limit: 3
                """);
        CompletableFuture<Integer> rc = start("--config", yaml.toString(), "--port", "0", "--monitor-port", "0");
        CollectorConfig c = collect.collector().config();
        assertThat(c.output()).isEqualTo("http://127.0.0.1:1/sink");
        assertThat(c.outputCompress()).isEqualTo(dev.plateau.collector.Compression.GZIP);
        assertThat(c.retryLimit()).isEqualTo(3);
        assertThat(c.bufferChunkSize()).isEqualTo(64_000);
        assertThat(stop(rc)).isZero();
    }

    @Test
    void theSeedSampleConfigStartsAndIngests() throws Exception {
        CompletableFuture<Integer> rc = start("--config", "samples/fluent-bit.conf", "--port", "0", "--monitor-port", "0");
        CollectorConfig c = collect.collector().config();
        assertThat(c.bufferChunkSize()).isEqualTo(1_000_000);
        assertThat(c.bufferMaxSize()).isEqualTo(8_000_000);
        int port = collect.collector().address().getPort();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/app")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[{\"a\":1},{\"a\":2}]")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(stop(rc)).isZero();
        assertThat(out.toString()).doesNotContain("warning:")
                .contains("stopped: 1 requests (2xx 1, 4xx 0, 5xx 0), records in 2, out 2, dropped 0");
    }
}
