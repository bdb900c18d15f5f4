package dev.plateau.series;

import java.util.Map;

/**
 * Something a run samples each interval: the embedded collector, a process by PID, a Prometheus endpoint, the load
 * generator. A source declares its series in the {@link SeriesRegistry} (once, or as it discovers them) and puts
 * their values into the frame being built. {@link #read} is called on the sampling thread and must not block:
 * slow work (an HTTP scrape) runs on the source's own thread and {@code read} hands over its latest result.
 * A source that fails reports it through {@link #fault()} (a one-line cause) instead of throwing.
 */
public interface Source extends AutoCloseable {
    /** A short id for {@code run.json} and messages: {@code embedded}, {@code process}, {@code prometheus}, {@code load}. */
    String id();

    /** Declares series (when not done yet) and puts this instant's values. Never blocks, never throws. */
    void read(SeriesRegistry registry, Map<String, Double> out);

    /** What {@code run.json} says about this source (PID, URL …). */
    Map<String, Object> describe();

    /** A one-line cause when the source failed for good (gone, refused …), else {@code null}. */
    default String fault() {
        return null;
    }

    /** Stops any thread of its own. */
    @Override
    default void close() {
    }
}
