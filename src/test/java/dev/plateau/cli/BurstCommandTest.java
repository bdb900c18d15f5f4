package dev.plateau.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.load.BaselineServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BurstCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private BaselineServer server;
    private String target;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        server = new BaselineServer(1);
        target = "http://127.0.0.1:" + server.start("127.0.0.1", 0).getPort() + "/app";
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private int run(BurstCommand command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Through the top command, as {@code plateau burst ...} runs. */
    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "burst";
        System.arraycopy(args, 0, full, 1, args.length);
        return cli.execute(full);
    }

    @Test
    void printsTheReportAndExits0WhenEveryRequestSucceeds() {
        int rc = run("--target", target, "--requests", "20", "--connections", "2", "--lines", "3");
        assertThat(rc).isZero();
        assertThat(out.toString()).contains("Requests      20  (answered 20, failed 0, non-2xx 0)", "201: 20",
                "Latency       p50");
        assertThat(err.toString()).contains("burst 20 requests x 2 connections → http://127.0.0.1:", "burst done: 20 requests");
        assertThat(server.requests()).isEqualTo(20);
    }

    @Test
    void sendsAPayloadFile() throws IOException {
        Path form = Files.writeString(dir.resolve("one.form"), "level=info&msg=hi\n");
        int rc = run("--target", target, "--requests", "4", "--payload", form.toString(), "--gzip", "--tag", "web");
        assertThat(rc).isZero();
        assertThat(server.requests()).isEqualTo(4);
    }

    @Test
    void exits1WhenTheTargetRefusesConnections() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int rc = run("--target", "http://127.0.0.1:" + port + "/", "--requests", "5", "--connections", "2");
        assertThat(rc).isEqualTo(1);
        assertThat(out.toString()).contains("failed 5", "connect refused: 5");
        assertThat(err.toString()).contains("burst failed: all 5 requests failed (connect refused)");
    }

    @Test
    void exits2WithOneLineNamingTheFlag() {
        assertUsageError("--connections: must be 1-10000, was 0",
                "--target", target, "--requests", "5", "--connections", "0");
        assertUsageError("--abandon: needs --reconnect-every K", "--target", target, "--requests", "5", "--abandon");
        assertUsageError("--delay-ms and --rate: give one of them, not both",
                "--target", target, "--requests", "5", "--delay-ms", "5", "--rate", "10");
        assertUsageError("--lines and --payload: give one of them, not both",
                "--target", target, "--requests", "5", "--lines", "5", "--payload", "x.json");
        assertUsageError("--payload: cannot read", "--target", target, "--requests", "5",
                "--payload", dir.resolve("absent.json").toString());
        assertUsageError("--target: must be an http://host:port/path URL", "--target", "ftp://x/", "--requests", "5");
        assertUsageError("--timeout: must be > 0", "--target", target, "--requests", "5", "--timeout", "0s");
        assertUsageError("Missing required option: '--requests=N'", "--target", target);
        assertUsageError("Invalid value for option '--timeout'", "--target", target, "--requests", "5", "--timeout", "soon");
        assertThat(server.requests()).isZero();
    }

    private void assertUsageError(String message, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(run(args)).isEqualTo(2);
        assertThat(err.toString()).startsWith("plateau burst: " + message).hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void holdKeepsConnectionsOpenUntilReleased() throws Exception {
        BurstCommand command = new BurstCommand();
        // its own thread: on 2 cores the common pool has a single worker that other work may hold
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        CompletableFuture<Integer> rc = CompletableFuture.supplyAsync(
                () -> run(command, "--target", target, "--requests", "6", "--connections", "3", "--hold"), thread);
        thread.shutdown();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(err.toString()).contains("holding 3 connections open"));
        assertThat(server.openConnections()).isEqualTo(3);
        assertThat(rc).isNotDone();

        command.release();
        assertThat(rc.get(10, TimeUnit.SECONDS)).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
    }

    @Test
    void printsProgressEverySecond() {
        int rc = run("--target", target, "--requests", "3", "--delay-ms", "600");
        assertThat(rc).isZero();
        assertThat(err.toString()).containsPattern("\\[ +1s\\] sent \\d/3  answered \\d  failed 0  non-2xx 0  open 1");
    }
}
