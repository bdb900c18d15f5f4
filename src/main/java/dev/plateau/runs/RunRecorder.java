package dev.plateau.runs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.telemetry.Sample;
import dev.plateau.telemetry.Sampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Records a run under {@code <root>/<yyyyMMdd-HHmmss>-<label>/}:
 * <ul>
 * <li>{@code samples.csv} — every sample the {@link Sampler} takes while recording ({@link SampleCsv});
 *     {@code elapsed_s} counts from the start of the recording;</li>
 * <li>{@code events.csv} — {@code epoch_ms, elapsed_s, kind, message}: policy switches, bursts, shrinks, idle
 *     closes, run start and end;</li>
 * <li>{@code run.json} — label, {@code started_at}, {@code ended_at}, {@code status} ({@link RunStatus}), whatever
 *     was passed to {@link #meta} (collector config, policies, load), {@code sample_count} and the {@code summary}.</li>
 * </ul>
 * Written incrementally: each sample is appended and flushed as it arrives, events are appended on the sampler
 * thread (never on an event loop), and {@code run.json} is written at start and replaced atomically at the end,
 * so a crash loses at most the last sample.
 *
 * <pre>{@code
 * RunRecorder rec = new RunRecorder(Path.of("runs"), "seed-before", sampler, events);
 * rec.meta("collector", configJson);
 * Path dir = rec.start();
 * ... traffic ...
 * rec.summary(statsJson);
 * rec.finish();
 * }</pre>
 */
public final class RunRecorder implements AutoCloseable {
    private final Path root;
    private final String label;
    private final Sampler sampler;
    private final EventLog events;
    private final Clock clock;
    private final ObjectNode meta = RunFiles.JSON.createObjectNode();
    private final Consumer<Sample> listener = this::append;
    private Path dir;
    private long startMillis;
    private long lastSeq;
    private SampleCsv.Appender samples;
    private RowWriter eventsOut;
    private boolean finished;
    private IOException failure;

    public RunRecorder(Path root, String label, Sampler sampler, EventLog events, Clock clock) {
        this.root = Objects.requireNonNull(root, "root");
        this.label = sanitize(label);
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        samples = SampleCsv.append(d.resolve(RunFiles.SAMPLES), startMillis);
        eventsOut = RowWriter.create(d.resolve(RunFiles.EVENTS));
        eventsOut.row(RunFiles.EVENT_COLUMNS);
        lastSeq = events.lastSeq();
        writeMeta(null, RunStatus.RECORDING);
        events.emit(EventKind.RUN, "run " + label + " started: " + d);
        sampler.addListener(listener);
        return d;
    }

    /** Appends one sample (the sampler listener; also callable directly) and any new events; flushes both. */
    public synchronized void append(Sample s) {
        if (dir == null || finished || failure != null) {
            return;
        }
        try {
            samples.append(s);
            drainEvents();
        } catch (IOException e) {
            failure = e;
            events.emit(EventKind.ERROR, "recording " + dir.getFileName() + " stopped at sample " + samples.rows()
                    + ": " + e.getMessage() + " (the run keeps every complete row; the collector keeps serving)");
        }
    }

    private void drainEvents() throws IOException {
        List<Event> fresh = events.since(lastSeq);
        for (Event e : fresh) {
            eventsOut.row(List.of(e.epochMillis(), String.format(Locale.ROOT, "%.3f", (e.epochMillis() - startMillis) / 1000.0),
                    e.kind().name(), e.message()));
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
        sampler.removeListener(listener);
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
            throw new IOException("recording " + dir + " stopped early: " + failure.getMessage()
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
