package dev.plateau.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code status} of a run in its {@code run.json}: {@code "recording"} from the start (with the writer's
 * {@code pid} and {@code pid_started_at}, so that a reader can tell a live recording from a dead one even after the
 * pid is reused), {@code "complete"} once {@link RunRecorder#finish()} wrote the end, {@code "interrupted"} when
 * {@link RunStore} finds a recording whose process is gone (kill -9, crash, power loss). Runs recorded before
 * statuses existed have none.
 */
final class RunStatus {
    static final String RECORDING = "recording";
    static final String COMPLETE = "complete";
    static final String INTERRUPTED = "interrupted";

    private RunStatus() {
    }

    /** Marks {@code meta} as being written by this process. */
    static void recording(ObjectNode meta) {
        ProcessHandle self = ProcessHandle.current();
        meta.put("status", RECORDING);
        meta.put("pid", self.pid());
        self.info().startInstant().ifPresent(t -> meta.put("pid_started_at", t.toString()));
    }

    /** Whether the process named in {@code meta} is still running (same pid, same start time). */
    static boolean writerAlive(JsonNode meta) {
        if (!meta.path("pid").canConvertToLong()) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(meta.get("pid").asLong());
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        String started = meta.path("pid_started_at").asText(null);
        Optional<Instant> actual = p.get().info().startInstant();
        return started == null || actual.isEmpty() || actual.get().toString().equals(started);
    }
}
