package dev.plateau.ui.main;

import dev.plateau.telemetry.Sample;
import dev.plateau.ui.common.Units;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar: records in / out, requests per second over the last second or so, and RSS — refreshed with
 * every tick whichever tab is shown. It needs only the newest samples ({@link #SAMPLES_NEEDED}), not the whole ring.
 */
public final class StatusViewModel {
    /** Enough history for the rate over the last second at any sampling interval of 100 ms or more (16 samples). */
    public static final int SAMPLES_NEEDED = 16;

    private final Supplier<List<Sample>> samples;
    private final ReadOnlyStringWrapper records = new ReadOnlyStringWrapper(this, "records", "records in 0 / out 0");
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper(this, "rate", "0 req/s");
    private final ReadOnlyStringWrapper rss = new ReadOnlyStringWrapper(this, "rss", "RSS –");

    public StatusViewModel(Supplier<List<Sample>> samples) {
        this.samples = Objects.requireNonNull(samples, "samples");
    }

    public void refresh() {
        List<Sample> all = samples.get();
        if (all.isEmpty()) {
            return;
        }
        Sample last = all.get(all.size() - 1);
        Sample earlier = last;
        for (int i = all.size() - 2; i >= 0; i--) {
            earlier = all.get(i);
            if (last.elapsedS() - earlier.elapsedS() >= 1.0) {
                break;
            }
        }
        double dt = last.elapsedS() - earlier.elapsedS();
        double perSecond = dt > 0 ? Math.max(0, last.requestsTotal() - earlier.requestsTotal()) / dt : 0;
        records.set("records in " + Units.count(last.recordsInTotal()) + " / out " + Units.count(last.recordsOutTotal()));
        rate.set(Units.count(Math.round(perSecond)) + " req/s");
        String watched = last.watchedRssBytes() >= 0 ? "   watched RSS " + Units.bytes(last.watchedRssBytes()) : "";
        rss.set("RSS " + Units.bytes(last.rssBytes()) + watched);
    }

    public ReadOnlyStringProperty recordsProperty() {
        return records.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rssProperty() {
        return rss.getReadOnlyProperty();
    }
}
