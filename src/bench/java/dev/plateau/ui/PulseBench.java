package dev.plateau.ui;

import dev.plateau.events.EventLog;
import dev.plateau.load.BurstHandle;
import dev.plateau.load.BurstRunner;
import dev.plateau.load.BurstSpec;
import dev.plateau.load.bench.ThreadMeter;
import dev.plateau.telemetry.Sample;
import dev.plateau.telemetry.SampleRing;
import dev.plateau.telemetry.Sampler;
import dev.plateau.ui.common.PngWriter;
import dev.plateau.ui.common.TimeWindow;
import dev.plateau.ui.main.AppOptions;
import dev.plateau.ui.main.CollectorViewModel;
import dev.plateau.ui.main.Console;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Benchmark fixture, not part of the console: the FX pulse time of the real console window with one hour of
 * samples on every Live chart, at the console's own 4 Hz refresh.
 *
 * <pre>
 * mvn -Pbench -DskipTests package   # PulseBench is in src/bench, built only with the bench profile
 * DISPLAY=:98 java -cp target/plateau.jar dev.plateau.ui.PulseBench [--seconds 60] [--warmup 15] [--window all]
 *     [--fill N] [--port 0] [--hold] [--png FILE]
 * </pre>
 *
 * <p>How the hour is built: the console's collector is started and loaded by in-process bursts (1, 20 and 200
 * records per request, 8–32 connections, with idle gaps), and the console's own {@link Sampler} takes
 * {@code --fill} real samples ({@code sampleNow()}) about 1 ms apart while that runs. Their timestamps are then
 * rewritten to be 250 ms apart, ending now — the values are real readings, the time axis is not — and they go
 * into the console's {@link SampleRing} (14,400 = one hour at 4 Hz, its capacity). By default {@code --fill} is
 * 14,400 less the samples the live sampler adds during the warm-up and the measurement, so the ring holds 59–60
 * minutes at 4 Hz throughout and does not thin (a full ring thins its older half, leaving ~10,800 samples). The sampler is then started
 * with its clock continuing that axis, the 4 Hz refresh starts, and after {@code --warmup} seconds (JIT) every
 * pulse of the next {@code --seconds} seconds is recorded as JavaFX's own pulse logger measures it
 * ({@link PulseLog}): from the pulse's start on the FX thread to the end of its rendering. With {@code --hold}
 * it keeps measuring window after window until killed (for the console-overhead runs, which drive load from
 * outside). {@code --raw} also prints the pulse logger's own lines (each pulse's phases, on stderr) while
 * measuring. {@code --every-tick} redraws the charts at every 4 Hz tick whatever the window (by default windows of
 * 5 minutes and more redraw once a second, see {@link LiveViewModel#redrawPeriodS}). The fill bursts log to their own event log, so the history has no markers.
 */
public final class PulseBench {
    private PulseBench() {
    }

    record Options(int seconds, int warmup, TimeWindow window, int fill, int port, boolean hold, Path png, boolean raw,
                   boolean everyTick) {
        static Options parse(String[] args) {
            int seconds = 60;
            int warmup = 15;
            TimeWindow window = TimeWindow.ALL;
            int fill = -1;
            int port = 0;
            boolean hold = false;
            Path png = null;
            boolean raw = false;
            boolean everyTick = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--window" -> window = window(args[++i]);
                    case "--fill" -> fill = Integer.parseInt(args[++i]);
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--hold" -> hold = true;
                    case "--png" -> png = Path.of(args[++i]);
                    case "--raw" -> raw = true;
                    case "--every-tick" -> everyTick = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (known: --seconds N, "
                            + "--warmup N, --window 1min|5min|30min|all, --fill N, --port N, --hold, --png FILE, --raw, --every-tick)");
                }
            }
            if (fill < 0) {
                // as full as the ring gets without thinning by the end of the first measurement (4 Hz)
                fill = SampleRing.DEFAULT_CAPACITY - 4 * (warmup + seconds) - 8;
            }
            return new Options(seconds, warmup, window, fill, port, hold, png, raw, everyTick);
        }

        private static TimeWindow window(String label) {
            for (TimeWindow w : TimeWindow.values()) {
                if (w.toString().replace(" ", "").equalsIgnoreCase(label)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("--window: 1min, 5min, 30min or all, was " + label);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        PulseLog pulses = PulseLog.install();
        pulses.raw(o.raw());
        Platform.startup(() -> { });
        Path runs = Files.createTempDirectory("plateau-pulsebench");
        Console console = fx(() -> {
            Console c = Console.create(new AppOptions(false, "127.0.0.1", o.port(), runs.resolve("runs")));
            Stage stage = new Stage();
            stage.setTitle(PlateauApp.TITLE + " (pulse bench)");
            stage.setScene(new Scene(c.load(), 1400, 880));
            stage.show();
            c.model().parts().live().windowProperty().set(o.window());
            c.model().parts().live().setRedrawEveryTick(o.everyTick());
            c.model().parts().collector().start();
            return c;
        });
        CollectorViewModel collector = console.model().parts().collector();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!fx(() -> collector.runningProperty().get())) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("the collector did not start: " + fx(() -> collector.statusProperty().get()));
            }
            Thread.sleep(50);
        }
        String url = fx(collector::targetUrl);
        System.out.println("collector on " + url + "; filling the ring with " + o.fill() + " samples ...");
        long fillStart = System.nanoTime();
        fill(console.sampler(), URI.create(url), o.fill());
        System.out.printf(Locale.ROOT, "filled in %.1f s; ring %d samples (capacity %d), window %s%n",
                (System.nanoTime() - fillStart) / 1e9, console.sampler().ring().size(),
                console.sampler().ring().capacity(), o.window());
        fx(() -> {
            console.start();
            return null;
        });
        Thread.sleep(TimeUnit.SECONDS.toMillis(o.warmup()));
        do {
            measure(console, pulses, o.seconds());
        } while (o.hold());
        if (o.png() != null) {
            var image = fx(() -> PngWriter.capture(console.view().liveView().chartsNode().getScene().getRoot()));
            PngWriter.write(image, o.png());
            System.out.println("saved " + o.png());
        }
        fx(() -> {
            console.shutdown();
            return null;
        });
        Platform.exit();
        System.exit(0);
    }

    private static void measure(Console console, PulseLog pulses, int seconds) throws Exception {
        ThreadMeter fxThread = ThreadMeter.start("JavaFX Application Thread"::equals);
        ThreadMeter renderer = ThreadMeter.start(n -> n.startsWith("QuantumRenderer"));
        ThreadMeter sampler = ThreadMeter.start("plateau-sampler"::equals);
        long gcMs = gcMillis();
        int ringBefore = console.sampler().ring().size();
        long t0 = System.nanoTime();
        pulses.record(true);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        PulseLog.Stats stats = pulses.stats();
        double wall = (System.nanoTime() - t0) / 1e9;
        System.out.println(stats);
        System.out.printf(Locale.ROOT, "  ring %d..%d samples; CPU (%% of one core): FX thread %.1f %%, QuantumRenderer "
                        + "%.1f %%, sampler %.2f %%; FX thread allocates %.1f MB/s; GC %.0f ms/s%n",
                ringBefore, console.sampler().ring().size(), pct(fxThread.cpuNanos(), wall), pct(renderer.cpuNanos(), wall),
                pct(sampler.cpuNanos(), wall), fxThread.allocatedBytes() / wall / 1e6, (gcMillis() - gcMs) / wall);
    }

    private static double pct(long nanos, double wallS) {
        return nanos / 1e9 / wallS * 100;
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /**
     * Takes {@code n} real samples about 1 ms apart while bursts load the collector, rewrites their timestamps
     * 250 ms apart (ending now) and puts them into the ring; then starts the sampler continuing that time axis.
     */
    static void fill(Sampler sampler, URI target, int n) {
        int[][] phases = {{1, 8, 20_000}, {20, 32, 2_000}, {1, 16, 10_000}, {200, 16, 300}};
        List<Sample> raw = new ArrayList<>(n);
        try (BurstRunner load = new BurstRunner(new EventLog())) {
            BurstHandle burst = null;
            int phase = 0;
            int idleUntil = 0;
            while (raw.size() < n) {
                if ((burst == null || burst.result().isDone()) && raw.size() >= idleUntil) {
                    if (burst != null) {
                        idleUntil = raw.size() + 200;
                        burst = null;
                        continue;
                    }
                    int[] p = phases[phase++ % phases.length];
                    burst = load.start(new BurstSpec(target, p[2], 0, 0, p[1], 0, false, false, p[0], null, false,
                            null, Duration.ofSeconds(30)));
                }
                Sample s = sampler.sampleNow();
                raw.add(raw.size() == n - 1 ? s : SampleRing.withoutConnections(s));
                LockSupport.parkNanos(1_000_000);
            }
            if (burst != null) {
                burst.cancel();
            }
        }
        long end = System.currentTimeMillis();
        long start = end - (long) n * 250;
        for (int i = 0; i < n; i++) {
            Sample s = raw.get(i);
            sampler.ring().add(s.with(start + i * 250L, i * 0.25, s.connections()));
        }
        sampler.startFrom(start);
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }
}
