package dev.plateau.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {

    @Test
    void isBoundedAndCountsDropped() {
        EventLog log = new EventLog(3);
        for (int i = 1; i <= 5; i++) {
            log.emit(EventKind.INFO, "e" + i);
        }
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.dropped()).isEqualTo(2);
        assertThat(log.all()).extracting(Event::message).containsExactly("e3", "e4", "e5");
    }

    @Test
    void since_returnsOnlyNewerEvents() {
        EventLog log = new EventLog();
        log.emit(EventKind.INFO, "a");
        long mark = log.lastSeq();
        log.emit(EventKind.INFO, "b");
        assertThat(log.since(mark)).extracting(Event::message).containsExactly("b");
    }

    @Test
    void listenersSeeEveryEvent() {
        EventLog log = new EventLog();
        List<String> seen = new ArrayList<>();
        log.addListener(e -> seen.add(e.message()));
        log.emit(EventKind.SHRINK, "conn=1 shrunk buffer from 5000000 to 1000000");
        assertThat(seen).containsExactly("conn=1 shrunk buffer from 5000000 to 1000000");
    }
}
