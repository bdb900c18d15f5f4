package dev.plateau.ui.common;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Task;

/**
 * The console's one executor for background work. Everything slow (start/stop the collector, bursts, exports,
 * experiments, loading runs) is a JavaFX {@link Task} submitted here; views bind progress bars to
 * {@code task.progressProperty()} and touch the UI only in {@code onSucceeded}/{@code onFailed}.
 * {@link #shutdown()} cancels every running task and stops the (daemon) threads.
 *
 * <pre>{@code
 * Task<Path> export = tasks.submit(new Task<>() { protected Path call() { ... } });
 * export.setOnSucceeded(e -> status.set("saved " + export.getValue()));
 * }</pre>
 */
public final class BackgroundTasks {
    private final ExecutorService executor;
    private final Set<Task<?>> running = ConcurrentHashMap.newKeySet();

    public BackgroundTasks() {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "plateau-ui-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs the task on the executor; it is forgotten once done. Returns the same task. */
    public <T, K extends Task<T>> K submit(K task) {
        running.add(task);
        task.stateProperty().addListener((obs, old, state) -> {
            if (task.isDone()) {
                running.remove(task);
            }
        });
        executor.execute(task);
        return task;
    }

    /** Tasks submitted and not yet done. */
    public int active() {
        return running.size();
    }

    /** Cancels every task (interrupting it) and stops the threads, waiting up to {@code waitMillis}. */
    public void shutdown(long waitMillis) {
        for (Task<?> t : running) {
            t.cancel(true);
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The raw executor, for work that must run off the FX thread without a Task (e.g. a shutdown drain). */
    public ExecutorService executor() {
        return executor;
    }
}
