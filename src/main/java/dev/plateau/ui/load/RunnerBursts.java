package dev.plateau.ui.load;

import dev.plateau.load.BurstHandle;
import dev.plateau.load.BurstProgress;
import dev.plateau.load.BurstReport;
import dev.plateau.load.BurstRunner;
import dev.plateau.load.BurstSpec;
import dev.plateau.load.PayloadGenerator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Adapts {@link BurstRunner} to the Load panel's {@link BurstService}; remembers handles to close held connections. */
public final class RunnerBursts implements BurstService {
    private final BurstRunner runner;
    private final List<BurstHandle> handles = new CopyOnWriteArrayList<>();
    private final Consumer<BurstHandle> started;

    public RunnerBursts(BurstRunner runner) {
        this(runner, h -> { });
    }

    /** {@code started} sees every burst as it starts (the console's load source, recorded with a target's run). */
    public RunnerBursts(BurstRunner runner, Consumer<BurstHandle> started) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.started = Objects.requireNonNull(started, "started");
    }

    @Override
    public Running start(BurstSpec spec) {
        BurstHandle h = runner.start(spec);
        handles.add(h);
        started.accept(h);
        return new Running() {
            @Override
            public BurstProgress progress() {
                return h.progress();
            }

            @Override
            public void cancel() {
                h.cancel();
            }

            @Override
            public CompletableFuture<Summary> result() {
                return h.result().thenApply(RunnerBursts::summary);
            }
        };
    }

    @Override
    public int closeHeld() {
        int open = 0;
        for (BurstHandle h : handles) {
            open += h.openConnections();
            h.closeHeld();
            if (h.result().isDone()) {
                handles.remove(h);
            }
        }
        return open;
    }

    @Override
    public CompletableFuture<Integer> oneMore() {
        for (int i = handles.size() - 1; i >= 0; i--) {
            BurstHandle h = handles.get(i);
            if (h.result().isDone() && h.openConnections() > 0) {
                return h.oneMore(PayloadGenerator.jsonArray(1, PayloadGenerator.DEFAULT_SEED));
            }
        }
        return BurstService.super.oneMore();
    }

    static Summary summary(BurstReport r) {
        return new Summary(r.requestsPerSec(), r.p50Ms(), r.p99Ms(), r.statusCounts(), r.errors(),
                r.explainedFailures(), r.format());
    }
}
