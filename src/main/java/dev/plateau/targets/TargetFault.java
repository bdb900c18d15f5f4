package dev.plateau.targets;

/**
 * A target that could not be judged to the end: command not found, exited before it listened, never listened,
 * died mid-run, PID gone, metrics endpoint refused / 404 / not Prometheus / too slow. The message is one line
 * naming the cause; the run recorded so far is kept and marked with it (the CLI exits 3).
 */
public final class TargetFault extends Exception {
    private final transient java.nio.file.Path run;

    public TargetFault(String message, java.nio.file.Path run) {
        super(message, null, false, false);
        this.run = run;
    }

    /** The run directory kept with what was recorded, or {@code null} when none was created. */
    public java.nio.file.Path run() {
        return run;
    }
}
