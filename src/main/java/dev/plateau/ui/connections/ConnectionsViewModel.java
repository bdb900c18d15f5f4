package dev.plateau.ui.connections;

import dev.plateau.collector.ConnectionSnapshot;
import dev.plateau.telemetry.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Connections tab: one {@link Row} per live connection of the latest sample. The table sorts a
 * {@code SortedList} over {@link #rows()}, so a refresh keeps the user's sort order.
 */
public final class ConnectionsViewModel {
    private final Supplier<Sample> latest;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();

    /** One table row in raw numbers (the view formats them); ages relative to the sample's time. */
    public record Row(long id, String remote, long ageMillis, long requests, long bytesIn, long bufferBytes,
                      long highWaterBytes, long shrinks, long idleMillis) {
        static Row of(ConnectionSnapshot c, long now) {
            return new Row(c.id(), c.remote(), c.ageMillis(now), c.requests(), c.bytesIn(), c.capacityBytes(),
                    c.highWaterBytes(), c.shrinks(), c.idleMillis(now));
        }
    }

    public ConnectionsViewModel(Supplier<Sample> latest) {
        this.latest = Objects.requireNonNull(latest, "latest");
    }

    public void refresh() {
        Sample s = latest.get();
        List<Row> next = new ArrayList<>();
        if (s != null) {
            for (ConnectionSnapshot c : s.connections()) {
                next.add(Row.of(c, s.epochMillis()));
            }
        }
        if (!next.equals(rows)) {
            rows.setAll(next);
        }
    }

    public ObservableList<Row> rows() {
        return rows;
    }
}
