package dev.plateau.ui.connections;

import dev.plateau.collector.ConnectionSnapshot;
import dev.plateau.telemetry.Sample;
import dev.plateau.ui.common.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
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
    public record Row(long id, String remote, String protocol, long ageMillis, long requests, long bytesIn,
                      long bufferBytes, long highWaterBytes, long shrinks, long idleMillis) {
        static Row of(ConnectionSnapshot c, long now) {
            return new Row(c.id(), c.remote(), c.protocol(), c.ageMillis(now), c.requests(), c.bytesIn(),
                    c.capacityBytes(), c.highWaterBytes(), c.shrinks(), c.idleMillis(now));
        }
    }

    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper(this, "totals", "");

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
        totals.set(totalsOf(next));
    }

    /** The totals line under the table: connections, requests, bytes in, buffers, high-water marks, shrinks. */
    static String totalsOf(List<Row> rows) {
        return "Total: " + rows.size() + " connections   " + Units.count(rows.stream().mapToLong(Row::requests).sum())
                + " requests   " + Units.bytes(rows.stream().mapToLong(Row::bytesIn).sum()) + " in   buffers "
                + Units.bytes(rows.stream().mapToLong(Row::bufferBytes).sum()) + "   high-water "
                + Units.bytes(rows.stream().mapToLong(Row::highWaterBytes).sum()) + "   "
                + rows.stream().mapToLong(Row::shrinks).sum() + " shrinks";
    }

    public ReadOnlyStringProperty totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    public ObservableList<Row> rows() {
        return rows;
    }
}
