package dev.plateau.runs;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One line of {@link RunStore#list()}: enough to show a run in a list without loading its samples.
 *
 * @param dir         the run's directory
 * @param label       its label
 * @param startedAt   when recording started
 * @param sampleCount rows in {@code samples.csv}
 * @param finished    {@code run.json} has an end time (false after a crash or while recording)
 */
public record RunInfo(Path dir, String label, Instant startedAt, long sampleCount, boolean finished) {
}
