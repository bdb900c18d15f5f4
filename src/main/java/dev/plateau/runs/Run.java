package dev.plateau.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plateau.events.Event;
import dev.plateau.series.SeriesTable;
import dev.plateau.telemetry.Sample;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A recorded run loaded from disk (see {@link RunRecorder} for the files).
 *
 * @param dir       the run's directory
 * @param label     its label
 * @param startedAt when recording started
 * @param endedAt   when it finished, or {@code null} for a run that never finished (crash, still running)
 * @param meta      the whole {@code run.json}: collector config, policies, load, summary
 * @param table     every recorded series, row by row, oldest first
 * @param events    every event, oldest first ({@code seq} = row number)
 */
public record Run(Path dir, String label, Instant startedAt, Instant endedAt, JsonNode meta, SeriesTable table,
                  List<Event> events) {
    public Run {
        events = List.copyOf(events);
    }

    /** A run of typed embedded-collector samples (tests, imports). */
    public Run(Path dir, String label, Instant startedAt, Instant endedAt, JsonNode meta, List<Sample> samples,
               List<Event> events) {
        this(dir, label, startedAt, endedAt, meta, SeriesTable.ofSamples(samples), events);
    }

    /** The rows as typed embedded-collector samples; empty for a run of an external target. */
    public List<Sample> samples() {
        return table.samples();
    }

    /** The recording was cut short (kill, crash, full disk): {@code run.json} says {@code "interrupted"}. */
    public boolean interrupted() {
        return RunStatus.INTERRUPTED.equals(meta.path("status").asText());
    }

    /** The values of one column over the run; {@link IllegalArgumentException} for an unknown metric. */
    public double[] column(String metric) {
        return table.column(metric);
    }

    /** The {@code fault} a run ended on, or {@code null}. */
    public String fault() {
        return meta.hasNonNull("fault") ? meta.get("fault").asText() : null;
    }
}
