package dev.plateau.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plateau.events.Event;
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
 * @param samples   every sample, oldest first (without connections)
 * @param events    every event, oldest first ({@code seq} = row number)
 */
public record Run(Path dir, String label, Instant startedAt, Instant endedAt, JsonNode meta, List<Sample> samples,
                  List<Event> events) {
    public Run {
        samples = List.copyOf(samples);
        events = List.copyOf(events);
    }

    /** The recording was cut short (kill, crash, full disk): {@code run.json} says {@code "interrupted"}. */
    public boolean interrupted() {
        return RunStatus.INTERRUPTED.equals(meta.path("status").asText());
    }

    /** The values of one column over the run; {@link IllegalArgumentException} for an unknown metric. */
    public double[] column(String metric) {
        int i = Sample.COLUMNS.indexOf(metric);
        if (i < 0) {
            throw new IllegalArgumentException("unknown metric '" + metric + "'; known: " + String.join(", ", Sample.COLUMNS));
        }
        double[] out = new double[samples.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = samples.get(k).values()[i];
        }
        return out;
    }
}
