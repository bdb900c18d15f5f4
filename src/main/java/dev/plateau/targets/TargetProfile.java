package dev.plateau.targets;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A profiler a launched target runs under (heaptrack): it rewrites the command, names the process to measure when
 * the command it wraps forks the real target, and ends the target itself at the end of the run — after the last
 * sample, while the held and abandoned connections are still open, before the normal SIGTERM stop.
 *
 * <pre>{@code
 * new TargetLauncher(events).profile(new HeaptrackTarget(HeaptrackProfile.locate()));
 * }</pre>
 */
public interface TargetProfile {
    /** The command to execute instead of {@code command} (templates resolved); its files go to {@code runDir}. */
    List<String> wrap(List<String> command, Path runDir);

    /** The process to measure, RSS and signals included: {@code launched} or the child it forks within {@code timeout}. */
    ProcessHandle measured(ProcessHandle launched, Path runDir, Duration timeout) throws IOException, InterruptedException;

    /**
     * Ends the target and summarises what it recorded into {@code runDir}, which may differ from the folder given
     * to {@link #wrap} (then the raw data is moved there first); the run's samples are complete.
     */
    void end(Target target, Path runDir) throws IOException, InterruptedException;
}
