package dev.plateau.cli;

import java.util.concurrent.Executor;

/**
 * Runs a blocking command (a {@code collect} that waits for its stop) on a fresh daemon thread. Not the common
 * pool: on 2 cores it has one worker, and a command left running by a failed test would hold it for the rest of
 * the suite.
 */
final class OwnThread {
    static final Executor EXECUTOR = r -> {
        Thread t = new Thread(r, "test-command");
        t.setDaemon(true);
        t.start();
    };

    private OwnThread() {
    }
}
