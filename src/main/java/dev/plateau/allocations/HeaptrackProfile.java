package dev.plateau.allocations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a target under heaptrack 1.4 and reads what it recorded.
 *
 * <p>heaptrack's launcher ({@code /usr/bin/heaptrack}) is a shell script that <em>forks</em> the target: it starts
 * {@code heaptrack_interpret | zstd} on a FIFO, then runs the target as a child with {@code LD_PRELOAD} and
 * {@code DUMP_HEAPTRACK_OUTPUT} set, waits for it, waits for the interpreter, and exits with the target's status.
 * The process a launcher starts is therefore the script; {@link #awaitTarget} finds the target among its children
 * (the one whose environment holds {@code DUMP_HEAPTRACK_OUTPUT}), so RSS is read from, and SIGKILL sent to, the
 * target itself. Killing the target (not the script) lets the script finish the file: the data then ends where the
 * target was killed, and heaptrack reports what was still allocated as "leaked" — what the run left held.
 *
 * <pre>{@code
 * HeaptrackProfile profile = HeaptrackProfile.locate();          // HeaptrackMissingException: how to install
 * Process wrapper = new ProcessBuilder(profile.wrap(List.of("fluent-bit", "-i", "http"), runDir)).start();
 * ProcessHandle target = profile.awaitTarget(wrapper.toHandle(), Duration.ofSeconds(10));
 * ... play the load, keep the connections open ...
 * long killedMs = HeaptrackProfile.kill(target, wrapper.toHandle(), Duration.ofSeconds(60));
 * AllocationRun run = profile.finish(runDir, new HeaptrackProfile.Target(...), rssPoints);
 * }</pre>
 */
public final class HeaptrackProfile {
    public static final String INSTALL_HINT = "install it with 'apt-get install heaptrack' (Debian, Ubuntu) "
            + "or 'dnf install heaptrack' (Fedora)";
    /** Backtraces per section read from heaptrack_print: enough for the top sites, bounded for huge runs. */
    static final int BACKTRACES = 2000;
    static final String REPORT = "heaptrack.txt";
    /** Sites (top held and top at the peak) whose bytes over time go to {@code sites.csv}. */
    static final int SITE_SERIES = 5;
    static final String MASSIF = "heaptrack.massif";

    private final Path heaptrack;
    private final Path heaptrackPrint;

    private HeaptrackProfile(Path heaptrack, Path heaptrackPrint) {
        this.heaptrack = heaptrack;
        this.heaptrackPrint = heaptrackPrint;
    }

    /**
     * What {@link #finish} needs to know about the profiled run.
     *
     * @param command       the target's command (without heaptrack)
     * @param pid           the target's PID
     * @param targetStartMs when the target process started (epoch ms; heaptrack's clock starts there)
     * @param runStartMs    the run's time origin (elapsed_s = 0)
     * @param killedMs      when the target was sent SIGKILL
     */
    public record Target(List<String> command, long pid, long targetStartMs, long runStartMs, long killedMs) {
        public Target {
            command = List.copyOf(command);
        }
    }

    /** heaptrack and heaptrack_print from {@code $PATH}. */
    public static HeaptrackProfile locate() throws HeaptrackMissingException {
        return locate(System.getenv("PATH"));
    }

    /** heaptrack and heaptrack_print from the directories of {@code pathVariable}. */
    public static HeaptrackProfile locate(String pathVariable) throws HeaptrackMissingException {
        Optional<Path> ht = onPath("heaptrack", pathVariable);
        Optional<Path> print = onPath("heaptrack_print", pathVariable);
        if (ht.isEmpty() || print.isEmpty()) {
            throw new HeaptrackMissingException("heaptrack is not installed (no '"
                    + (ht.isEmpty() ? "heaptrack" : "heaptrack_print") + "' on PATH): " + INSTALL_HINT);
        }
        return new HeaptrackProfile(ht.get(), print.get());
    }

    static Optional<Path> onPath(String name, String pathVariable) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The command that starts {@code command} under heaptrack, writing {@code runDir/heaptrack.NAME.zst}
     * (NAME = the executable's file name; {@code .gz} where zstd is missing).
     */
    public List<String> wrap(List<String> command, Path runDir) {
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("no command to profile");
        }
        String name = Path.of(command.get(0)).getFileName().toString();
        List<String> out = new ArrayList<>(List.of(heaptrack.toString(), "-o",
                runDir.toAbsolutePath().resolve("heaptrack." + name).toString()));
        out.addAll(command);
        return out;
    }

    /**
     * The target process the heaptrack script forked; waits up to {@code timeout} for it to be exec'd.
     * {@link IOException} when the script exits first (e.g. the command does not exist) or the time runs out.
     */
    public ProcessHandle awaitTarget(ProcessHandle wrapper, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> t = wrapper.children().filter(HeaptrackProfile::isPreloaded).findFirst();
            if (t.isPresent()) {
                return t.get();
            }
            if (!wrapper.isAlive()) {
                throw new IOException("heaptrack exited before the target started (see its output)");
            }
            Thread.sleep(10);
        }
        throw new IOException("the target did not start under heaptrack within " + timeout.toSeconds()
                + " s (a command that is a script exec'ing the real program, such as a pyenv shim, hides it from"
                + " heaptrack: give the program's own path)");
    }

    private static boolean isPreloaded(ProcessHandle child) {
        try {
            byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(child.pid()), "environ"));
            return new String(env, java.nio.charset.StandardCharsets.ISO_8859_1).contains("DUMP_HEAPTRACK_OUTPUT=");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * heaptrack's preloaded writer sends its data in {@code PIPE_BUF} (4 KiB) blocks, written when the next line
     * no longer fits (so a block is at least {@value #BLOCK_MIN} bytes), and an idle target fills one with its 10 ms
     * timestamp and RSS lines in about 3 s. A SIGKILL loses the block being filled, so {@link #kill} first waits
     * until the target has written one more whole block (its {@code wchar} in {@code /proc/PID/io} grew by a block):
     * that block holds everything up to the moment of the call.
     */
    static final int BLOCK_MIN = 4096 - 21;
    /** The wait when {@code /proc/PID/io} cannot be read: an idle target's block takes ~3 s. */
    public static final Duration FLUSH_WAIT = Duration.ofSeconds(4);
    /** At most this long for the block (a target that is stopped or blocked writes nothing). */
    static final Duration FLUSH_LIMIT = Duration.ofSeconds(20);

    /**
     * Waits until heaptrack's data up to now has left the target (see {@link #BLOCK_MIN}), sends SIGKILL to the
     * target and waits until the heaptrack script has written its file and exited. Returns when the SIGKILL was
     * sent (epoch ms). {@link IOException} if the script is still running after {@code timeout}.
     */
    public static long kill(ProcessHandle target, ProcessHandle wrapper, Duration timeout) throws IOException, InterruptedException {
        awaitFlush(target);
        long killed = System.currentTimeMillis();
        target.destroyForcibly();
        try {
            wrapper.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("heaptrack did not finish writing its data within " + timeout.toSeconds() + " s");
        }
        return killed;
    }

    /** Blocks until the target wrote one more heaptrack block, or {@link #FLUSH_WAIT} when its I/O is not readable. */
    private static void awaitFlush(ProcessHandle target) throws InterruptedException {
        Path io = Path.of("/proc", Long.toString(target.pid()), "io");
        long start = written(io);
        if (start < 0) {
            target.onExit().completeOnTimeout(target, FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
            return;
        }
        long deadline = System.nanoTime() + FLUSH_LIMIT.toNanos();
        while (target.isAlive() && System.nanoTime() < deadline) {
            long now = written(io);
            if (now < 0 || now - start >= BLOCK_MIN) {
                return;
            }
            Thread.sleep(50);
        }
    }

    /** {@code wchar} of {@code /proc/PID/io}: bytes the process wrote, or -1. */
    private static long written(Path io) {
        try {
            for (String line : Files.readAllLines(io)) {
                if (line.startsWith("wchar:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not readable (another user's process) or gone
        }
        return -1;
    }

    /** The raw data file heaptrack wrote into {@code runDir}. */
    public static Path rawFile(Path runDir) throws IOException {
        try (var files = Files.list(runDir)) {
            return files.filter(p -> p.getFileName().toString().matches("heaptrack\\..+\\.(zst|gz)"))
                    .findFirst().orElseThrow(() -> new IOException("no heaptrack data (heaptrack.*.zst) in " + runDir));
        }
    }

    /**
     * Reads the data with heaptrack_print ({@code heaptrack.txt}: stacks held at the end, at the peak, by calls;
     * {@code heaptrack.massif}: the live heap over time), joins the heap with {@code rss}, writes
     * {@code heap.csv}, {@code sites.csv} (bytes over time of the top sites, from the raw data) and
     * {@code allocations.json}, and returns the loaded run.
     */
    public AllocationRun finish(Path runDir, Target target, List<RssTrack.Point> rss) throws IOException, InterruptedException {
        Path raw = rawFile(runDir);
        print(runDir, List.of("-f", raw.toString(), "-p", "1", "-l", "1", "-a", "1", "-T", "0", "-m", "0",
                "-n", Integer.toString(BACKTRACES)), runDir.resolve(REPORT));
        print(runDir, List.of("-f", raw.toString(), "-M", runDir.resolve(MASSIF).toString(),
                "--massif-detailed-freq", "0"), null);
        HeapTimeline timeline = HeapTimeline.join(target.targetStartMs(), target.runStartMs(),
                Massif.read(runDir.resolve(MASSIF)), rss);
        timeline.write(runDir.resolve(HeapTimeline.FILE));
        HeaptrackReport report = HeaptrackReport.read(runDir.resolve(REPORT));
        SiteFolder folder = new SiteFolder(Wrappers.DEFAULT);
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        folder.top(report, At.END, SITE_SERIES).forEach(s -> keys.add(s.key()));
        folder.top(report, At.PEAK, SITE_SERIES).forEach(s -> keys.add(s.key()));
        SiteTimeline.write(raw, List.copyOf(keys), Wrappers.DEFAULT, 100, target.targetStartMs(), target.runStartMs(),
                runDir.resolve(SiteTimeline.FILE));
        AllocationRun.writeMeta(runDir, target, raw.getFileName().toString(), report, timeline);
        return AllocationRun.load(runDir);
    }

    private void print(Path runDir, List<String> args, Path stdout) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(heaptrackPrint.toString());
        cmd.addAll(args);
        Path log = runDir.resolve("heaptrack_print.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        int rc = pb.start().waitFor();
        if (rc != 0) {
            throw new IOException("heaptrack_print failed (exit " + rc + "), see " + log);
        }
    }
}
