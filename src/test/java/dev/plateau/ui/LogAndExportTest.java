package dev.plateau.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.telemetry.Sample;
import dev.plateau.ui.connections.ConnectionsViewModel;
import dev.plateau.ui.log.LogViewModel;
import dev.plateau.ui.main.CsvSnapshot;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogAndExportTest {

    @Test
    void log_filtersByKindAndText() {
        EventLog events = new EventLog();
        LogViewModel log = new LogViewModel(events);
        events.emit(EventKind.POLICY, "shrink on");
        events.emit(EventKind.SHRINK, "conn=3 shrunk buffer from 5000000 to 1000000");
        events.emit(EventKind.SHRINK, "conn=4 shrunk buffer from 8000000 to 1000000");
        log.refresh();
        assertThat(log.filtered()).hasSize(3);
        log.kindProperty().set(EventKind.SHRINK);
        assertThat(log.filtered()).hasSize(2);
        log.textProperty().set("CONN=4");
        assertThat(log.filtered()).extracting(e -> e.message()).containsExactly("conn=4 shrunk buffer from 8000000 to 1000000");
        log.kindProperty().set(null);
        log.textProperty().set("");
        assertThat(log.filtered()).hasSize(3);
    }

    @Test
    void log_isBounded() {
        EventLog events = new EventLog(50_000);
        LogViewModel log = new LogViewModel(events);
        for (int i = 0; i < LogViewModel.CAPACITY + 500; i++) {
            events.emit(EventKind.INFO, "e" + i);
            if (i % 1000 == 0) {
                log.refresh();
            }
        }
        log.refresh();
        assertThat(log.events()).hasSize(LogViewModel.CAPACITY);
        assertThat(log.events().get(LogViewModel.CAPACITY - 1).message()).isEqualTo("e" + (LogViewModel.CAPACITY + 499));
    }

    @Test
    void connections_rowsFollowTheLatestSample() {
        List<Sample> ring = new ArrayList<>();
        ConnectionsViewModel vm = new ConnectionsViewModel(() -> ring.isEmpty() ? null : ring.get(ring.size() - 1));
        vm.refresh();
        assertThat(vm.rows()).isEmpty();
        ring.add(Samples.at(1, 1, 0, 0, 0, List.of(Samples.conn(1, 1_000_000, 5_000_000), Samples.conn(2, 2, 2))));
        vm.refresh();
        assertThat(vm.rows()).extracting(ConnectionsViewModel.Row::bufferBytes).containsExactly(1_000_000L, 2L);
        assertThat(vm.rows().get(0).highWaterBytes()).isEqualTo(5_000_000);
        assertThat(vm.rows().get(0).ageMillis()).isEqualTo(1_000);
    }

    @Test
    void csvSnapshot_writesThreeFilesWithHeaderAndRows(@TempDir Path dir) throws Exception {
        EventLog events = new EventLog();
        events.emit(EventKind.POLICY, "shrink on");
        events.emit(EventKind.INFO, "a message, with a comma");
        List<Sample> samples = List.of(Samples.at(0, 10_000_000),
                Samples.at(0.25, 11_000_000, 1_000_000, 5, 2, List.of(Samples.conn(7, 1_000_000, 3_000_000))));
        List<Long> progress = new ArrayList<>();
        List<Path> files = CsvSnapshot.write(dir, samples, events.all(), Instant.ofEpochMilli(Samples.T0),
                (done, total) -> progress.add(done));
        assertThat(files).hasSize(3);
        assertThat(files).allSatisfy(f -> assertThat(f.getFileName().toString()).matches("plateau-\\w+-\\d{8}-\\d{6}\\.csv"));
        List<CSVRecord> rows = read(files.get(0));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get("rss_bytes")).isEqualTo("11000000");
        assertThat(rows.get(1).get("elapsed_s")).isEqualTo("0.250");
        List<CSVRecord> ev = read(files.get(1));
        assertThat(ev).extracting(r -> r.get("message")).containsExactly("shrink on", "a message, with a comma");
        List<CSVRecord> conns = read(files.get(2));
        assertThat(conns).hasSize(1);
        assertThat(conns.get(0).get("high_water_bytes")).isEqualTo("3000000");
        assertThat(progress).last().isEqualTo(5L);
    }

    private static List<CSVRecord> read(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }
}
