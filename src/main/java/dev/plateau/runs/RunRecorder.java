package dev.plateau.runs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.series.Frame;
import dev.plateau.series.ProcessSource;
import dev.plateau.series.Series;
import dev.plateau.series.SeriesSampler;
import dev.plateau.telemetry.Sampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Records a run under {@code <root>/<yyyyMMdd-HHmmss>-<label>/}:
 * <ul>
 * <li>{@code samples.csv} — every frame the {@link SeriesSampler} takes while recording ({@link SampleCsv}), one
 *     column per series; the columns are those declared when the first frame arrives (a series that appears later
 *     is named in an event, not recorded); {@code elapsed_s} counts from the start of the recording;</li>
 * <li>{@code events.csv} — {@code epoch_ms, elapsed_s, kind, message}: policy switches, bursts, shrinks, idle
 *     closes, run start and end;</li>
 * <li>{@code run.json} — label, {@code started_at}, {@code ended_at}, {@code status} ({@link RunStatus}), whatever was passed to {@link #meta}
 *     (collector config, policies, load, target), {@code format} ({@value #FORMAT}), {@code sources} and
 *     {@code series} (column, name, labels, unit, kind, source), {@code sample_count}, the {@code summary} and, when
 *     the run ended on a fault, {@code fault} (one line).</li>
 * </ul>
 * Written incrementally: each sample is appended whole to the OS as it arrives ({@link RowWriter}), events are appended on the sampler
 * thread (never on an event loop), and {@code run.json} is written at start and replaced atomically at the end,
 * so a crash loses at most the last sample (a cut row is dropped on reading). A failed write (a full disk) stops
 * the recording with one {@code ERROR} event; the run keeps its complete rows and ends as {@code interrupted}.
 *
 * <pre>{@code
 * RunRecorder rec = new RunRecorder(Path.of("runs"), "seed-before", seriesSampler, events, Clock.systemUTC());
 * rec.meta("collector", configJson);
 * Path dir = rec.start();
 * ... traffic ...
 * rec.summary(statsJson);
 * rec.finish();
 * }</pre>
 *
 * <p>Over 300 lines because it owns one run folder's whole write path (start, rows, events, flush, finish, faults,
 * {@code run.json} status) behind one lock, which is what keeps a killed run readable.
 */
public final class RunRecorder implements AutoCloseable {
    /** The version of the run format this recorder writes (0.1 had the fixed embedded columns only). */
    public static final String FORMAT = "0.2";
    private final Path root;
    private final String label;
    private SeriesSampler sampler;
    private final boolean ownsSampler;
    private final EventLog events;
    private final Clock clock;
    private final ObjectNode meta = RunFiles.JSON.createObjectNode();
    private final Consumer<Frame> listener = this::append;
    private final Set<String> unrecorded = new HashSet<>();
    private Path dir;
    private long startMillis;
    private long lastSeq;
    private SampleCsv.Appender samples;
    private EventCsv.Writer eventsOut;
    private boolean finished;
    private IOException failure;

    /** Records the frames of {@code sampler} (which the caller starts and stops). */
    public RunRecorder(Path root, String label, SeriesSampler sampler, EventLog events, Clock clock) {
        this(root, label, sampler, events, clock, false);
    }

    /**
     * Records the embedded collector's samples as series, one frame per sample of {@code sampler}, with this
     * process' {@code target_*} series (the embedded collector's process is the target).
     */
    public RunRecorder(Path root, String label, Sampler sampler, EventLog events, Clock clock) {
        this(root, label, SeriesSampler.follow(Objects.requireNonNull(sampler, "sampler"),
                List.of(new ProcessSource(ProcessHandle.current().pid()))), events, clock, true);
    }

    /**
     * A recorder whose frames come from a sampler given after {@link #start()} ({@link #follow}): the run folder
     * exists first, so a launched target can write its output there.
     */
    public RunRecorder(Path root, String label, EventLog events, Clock clock) {
        this(root, label, null, events, clock, false);
    }

    private RunRecorder(Path root, String label, SeriesSampler sampler, EventLog events, Clock clock, boolean owns) {
        this.root = Objects.requireNonNull(root, "root");
        this.label = sanitize(label);
        this.sampler = sampler;
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ownsSampler = owns;
    }

    public RunRecorder(Path root, String label, Sampler sampler, EventLog events) {
        this(root, label, sampler, events, Clock.systemUTC());
    }

    static String sanitize(String label) {
        String l = label == null || label.isBlank() ? "run" : label.trim();
        return l.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** Adds a top-level entry to {@code run.json} (any Jackson-serialisable value). */
    public synchronized RunRecorder meta(String key, Object value) {
        meta.set(key, RunFiles.JSON.valueToTree(value));
        return this;
    }

    /** Marks the run as ended on a fault ({@code fault} in {@code run.json}: one line naming the cause). */
    public RunRecorder fault(String cause) {
        return meta("fault", cause);
    }

    /** Sets {@code summary} in {@code run.json} (written by {@link #finish()}). */
    public RunRecorder summary(Object value) {
        return meta("summary", value);
    }

    /** Creates the directory and files, writes {@code run.json} and starts taking samples and events. */
    public synchronized Path start() throws IOException {
        if (dir != null) {
            throw new IllegalStateException("recorder already started");
        }
        startMillis = clock.millis();
        Files.createDirectories(root);
        String base = RunFiles.DIR_TIME.format(Instant.ofEpochMilli(startMillis)) + "-" + label;
        Path d = root.resolve(base);
        for (int i = 2; Files.exists(d); i++) {
            d = root.resolve(base + "-" + i);
        }
        Files.createDirectory(d);
        dir = d;
        samples = SampleCsv.append(d.resolve(RunFiles.SAMPLES),
                sampler == null ? List.of() : sampler.registry().series(), startMillis);
        eventsOut = EventCsv.create(d.resolve(RunFiles.EVENTS));
        lastSeq = events.lastSeq();
        writeMeta(null, RunStatus.RECORDING);
        events.emit(EventKind.RUN, "run " + label + " started: " + d);
        if (sampler != null) {
            sampler.addListener(listener);
        }
        if (ownsSampler) {
            sampler.start(null);
        }
        return d;
    }

    /** Records the frames of {@code s} from now on (a recorder built without a sampler). */
    public synchronized void follow(SeriesSampler s) {
        if (sampler != null) {
            throw new IllegalStateException("recorder already follows a sampler");
        }
        sampler = Objects.requireNonNull(s, "sampler");
        if (dir != null && samples.rows() == 0) {
            startMillis = clock.millis();   // elapsed_s counts from the first frame, not from a target's launch
            try {
                samples.close();
                samples = SampleCsv.append(dir.resolve(RunFiles.SAMPLES), sampler.registry().series(), startMillis);
            } catch (IOException e) {
                failure = e;
            }
        }
        if (dir != null && !finished) {
            sampler.addListener(listener);
        }
    }

    /** Appends one typed embedded-collector sample as a frame (tests, imports). */
    public void append(dev.plateau.telemetry.Sample s) {
        if (sampler != null) {
            dev.plateau.series.EmbeddedSource.SERIES.forEach(c -> sampler.registry().declare("embedded", c.series()));
        }
        append(new Frame(s.epochMillis(), dev.plateau.series.EmbeddedSource.values(s)));
    }

    /** Appends one frame (the sampler listener; also callable directly) and any new events; flushes both. */
    public synchronized void append(Frame f) {
        if (dir == null || finished || failure != null) {
            return;
        }
        try {
            List<Series> declared = sampler == null ? List.of() : sampler.registry().series();
            if (samples.rows() == 0 && !declared.equals(samples.series())) {
                samples.close();
                samples = SampleCsv.append(dir.resolve(RunFiles.SAMPLES), declared, startMillis);
            }
            for (String column : f.values().keySet()) {
                if (samples.series().stream().noneMatch(s -> s.column().equals(column)) && unrecorded.add(column)) {
                    events.emit(EventKind.RUN, "series " + column + " appeared after the first sample: not in "
                            + RunFiles.SAMPLES);
                }
            }
            samples.append(f);
            drainEvents();
        } catch (IOException e) {
            failure = e;
            events.emit(EventKind.ERROR, "recording " + dir.getFileName() + " stopped at sample " + samples.rows()
                    + ": " + reason(e) + " (the run keeps every complete row; the collector keeps serving)");
        }
    }

    private void drainEvents() throws IOException {
        List<Event> fresh = events.since(lastSeq);
        for (Event e : fresh) {
            eventsOut.print(e, startMillis);
            lastSeq = e.seq();
        }
    }

    /** Stops recording, writes the remaining events and the final {@code run.json}; returns the directory. */
    public synchronized Path finish() throws IOException {
        if (dir == null) {
            throw new IllegalStateException("recorder was not started");
        }
        if (finished) {
            return dir;
        }
        if (sampler != null) {
            sampler.removeListener(listener);
        }
        if (ownsSampler) {
            sampler.stop();
        }
        events.emit(EventKind.RUN, "run " + label + " finished");
        finished = true;
        try {
            if (failure == null) {
                drainEvents();
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            samples.close();
            eventsOut.close();
        }
        if (failure != null) {
            try {
                writeMeta(clock.instant(), RunStatus.INTERRUPTED);
            } catch (IOException e) {
                failure.addSuppressed(e); // run.json stays "recording": the store will read it as interrupted
            }
            throw new IOException("recording " + dir + " stopped early: " + reason(failure)
                    + " (complete rows kept)", failure);
        }
        writeMeta(clock.instant(), RunStatus.COMPLETE);
        return dir;
    }

    /** Flushes what was written so far (the files are always readable with {@link RunStore#load}). */
    public synchronized void flush() throws IOException {
        if (samples != null && !finished && failure == null) {
            drainEvents();
        }
    }

    @Override
    public void close() {
        if (dir != null && !finished) {
            try {
                finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void writeMeta(Instant ended, String status) throws IOException {
        ObjectNode out = RunFiles.JSON.createObjectNode();
        out.put("label", label);
        out.put("started_at", Instant.ofEpochMilli(startMillis).toString());
        if (ended == null) {
            out.putNull("ended_at");
            RunStatus.recording(out);
        } else {
            out.put("ended_at", ended.toString());
            out.put("sample_count", samples.rows());
            out.put("status", status);
        }
        out.put("format", FORMAT);
        if (sampler != null) {
            out.set("sources", RunFiles.JSON.valueToTree(sampler.describeSources()));
            out.set("series", RunFiles.JSON.valueToTree(sampler.registry().toJson()));
        }
        out.setAll(meta);
        Path tmp = dir.resolve(RunFiles.META + ".tmp");
        try {
            RunFiles.JSON.writeValue(tmp.toFile(), out);
            Files.move(tmp, dir.resolve(RunFiles.META), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The run's directory (after {@link #start()}). */
    public synchronized Path dir() {
        return dir;
    }

    public String label() {
        return label;
    }

    public synchronized long samplesWritten() {
        return samples == null ? 0 : samples.rows();
    }

    public synchronized long startMillis() {
        return startMillis;
    }
}
