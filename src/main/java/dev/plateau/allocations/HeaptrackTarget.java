package dev.plateau.allocations;

import dev.plateau.targets.Target;
import dev.plateau.targets.TargetProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@link HeaptrackProfile} as a launcher's {@link TargetProfile} ({@code soak --profile heaptrack}): the command
 * runs under heaptrack, the target measured is heaptrack's forked child (its RSS is also tracked here for
 * {@code heap.csv}), and at the end of the run — connections still open — it is killed once heaptrack's last block
 * is out and summarised into the run folder ({@code allocations.json}, {@code heap.csv}, {@code heaptrack.txt},
 * the raw {@code .zst}). The run's time origin is the first frame of {@code samples.csv}.
 *
 * <pre>{@code
 * player.launcher(new TargetLauncher(events).profile(new HeaptrackTarget(HeaptrackProfile.locate())));
 * }</pre>
 */
public final class HeaptrackTarget implements TargetProfile {
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(120);

    private final HeaptrackProfile profile;
    private final Clock clock = Clock.systemUTC();
    private List<String> command;
    private Path wrapDir;
    private long launchedMs;
    private long targetStartMs;
    private RssTrack rss;

    public HeaptrackTarget(HeaptrackProfile profile) {
        this.profile = profile;
    }

    @Override
    public List<String> wrap(List<String> cmd, Path runDir) {
        this.command = List.copyOf(cmd);
        this.wrapDir = runDir;
        this.launchedMs = clock.millis();
        return profile.wrap(cmd, runDir);
    }

    @Override
    public ProcessHandle measured(ProcessHandle launched, Path runDir, Duration timeout) throws IOException, InterruptedException {
        ProcessHandle target = profile.awaitTarget(launched, timeout);
        targetStartMs = launchedMs + AllocationRecorder.startOffsetMs(launched, target);
        rss = RssTrack.start(target.pid(), AllocationRecorder.RSS_INTERVAL, clock);
        return target;
    }

    @Override
    public void end(Target target, Path runDir) throws IOException, InterruptedException {
        ProcessHandle child = ProcessHandle.of(target.pid()).orElseThrow(
                () -> new IOException("the target under heaptrack (pid " + target.pid() + ") is gone"));
        long killed = HeaptrackProfile.kill(child, target.launchedHandle(), WRITE_TIMEOUT);
        List<RssTrack.Point> points = rss.stop();
        if (wrapDir != null && !Files.isSameFile(wrapDir, runDir)) {
            Path raw = HeaptrackProfile.rawFile(wrapDir);
            Files.move(raw, runDir.resolve(raw.getFileName()));
        }
        profile.finish(runDir, new HeaptrackProfile.Target(command, target.pid(), targetStartMs,
                firstFrameMs(runDir, launchedMs), killed), points);
    }

    /** {@code epoch_ms} of the first row of {@code samples.csv} (elapsed_s = 0), else {@code fallback}. */
    static long firstFrameMs(Path runDir, long fallback) {
        Path samples = runDir.resolve("samples.csv");
        try (BufferedReader in = Files.newBufferedReader(samples)) {
            in.readLine();
            String row = in.readLine();
            return row == null ? fallback : Long.parseLong(row.substring(0, row.indexOf(',')).replace("\"", "").trim());
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }
}
