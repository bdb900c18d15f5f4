package dev.plateau.ui.target;

import dev.plateau.targets.TargetSpec;

/** Where a run's load and charts point: the embedded collector, a command Plateau launches, or a PID it attaches to. */
public enum TargetKind {
    EMBEDDED("Embedded"), COMMAND("Launch command"), PID("Attach to PID");

    private final String label;

    TargetKind(String label) {
        this.label = label;
    }

    /**
     * The spec of the console's fields for this kind (a blank URL is {@link TargetViewModel#DEFAULT_URL}, a blank
     * metrics URL none), or an {@link IllegalArgumentException} with a one-line message naming the field.
     */
    TargetSpec spec(String command, String pid, String url, String metrics) {
        String u = url == null || url.isBlank() ? TargetViewModel.DEFAULT_URL : url.trim();
        String m = metrics == null || metrics.isBlank() ? null : metrics.trim();
        return switch (this) {
            case EMBEDDED -> throw new IllegalArgumentException("the embedded collector needs no target");
            case COMMAND -> {
                if (command == null || command.isBlank()) {
                    throw new IllegalArgumentException("command: type the command to launch, e.g. fluent-bit -i http -p port={port} -o null");
                }
                TargetSpec.split(command);
                yield new TargetSpec(command.trim(), 0, u, m, TargetSpec.DEFAULT_READY_TIMEOUT);
            }
            case PID -> {
                long p;
                try {
                    p = Long.parseLong(pid.trim());
                } catch (NumberFormatException | NullPointerException e) {
                    throw new IllegalArgumentException("PID: a whole number, e.g. a fluent-bit's");
                }
                if (p <= 0) {
                    throw new IllegalArgumentException("PID: must be > 0");
                }
                yield new TargetSpec(null, p, u, m, TargetSpec.DEFAULT_READY_TIMEOUT);
            }
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
