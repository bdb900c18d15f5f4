package dev.plateau.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plateau.cli.TunedJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app image that {@code mvn -Pdist verify} builds (target/dist/plateau): its {@code plateau} launcher answers
 * {@code --version}, runs {@code collect} that takes a real POST, and the JVM it starts runs with the launcher's
 * options, read back from the running process with {@code jcmd PID VM.command_line}.
 */
class AppImageIT {
    private Path image;
    private Process collect;

    @BeforeEach
    void findImage() {
        String dir = System.getProperty("plateau.dist.image");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "no app image: run with the dist profile, mvn -Pdist verify");
        image = Path.of(dir);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (collect != null) {
            collect.destroy();
            if (!collect.waitFor(20, TimeUnit.SECONDS)) {
                collect.destroyForcibly();
            }
        }
    }

    @Test
    void plateauVersion_answersFromTheBundledRuntime() throws Exception {
        Process p = new ProcessBuilder(launcher("plateau").toString(), "--version").redirectErrorStream(true).start();

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("plateau ");
        assertThat(p.exitValue()).isZero();
        assertThat(image.resolve("lib/runtime/lib/server/libjvm.so")).exists();
    }

    @Test
    void plateauCollect_answers201_andRunsWithTheLauncherJvmOptions() throws Exception {
        collect = new ProcessBuilder(launcher("plateau").toString(), "collect", "--port", "0", "--monitor-port", "0")
                .redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(collect, lines), "app-image-output");
        reader.setDaemon(true);
        reader.start();
        Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
        await().atMost(Duration.ofSeconds(60)).until(() -> lines.stream().anyMatch(l -> listening.matcher(l).matches()));
        Matcher m = lines.stream().map(listening::matcher).filter(Matcher::matches).findFirst().orElseThrow();

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + m.group(1) + "/app")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[{\"log\":\"from the app image\"}]")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(jvmArgs(collect.pid())).containsAll(TunedJvm.cli());
        assertThat(lines).noneMatch(l -> l.contains("without Plateau's memory options"));
    }

    /** The JVM arguments of a running process, as the JVM itself reports them to jcmd. */
    private static List<String> jvmArgs(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.command_line").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String line = out.lines().filter(l -> l.startsWith("jvm_args:")).findFirst()
                .orElseThrow(() -> new AssertionError("jcmd printed no jvm_args:\n" + out));
        return List.of(line.substring("jvm_args:".length()).trim().split("\\s+"));
    }

    private Path launcher(String name) {
        return image.resolve("bin").resolve(name);
    }

    private static void readLines(Process p, List<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                lines.add(l);
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
