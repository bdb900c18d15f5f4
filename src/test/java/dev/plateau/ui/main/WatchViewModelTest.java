package dev.plateau.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Watch PID against real processes: a live one is watched, its exit stops watching and is logged. */
class WatchViewModelTest {
    private final EventLog events = new EventLog();
    private final List<Long> watched = new ArrayList<>();
    private final WatchViewModel watch = new WatchViewModel(watched::add, () -> watched.add(-1L), events);

    @Test
    void processExit_stopsWatchingSaysSoAndLogsAWarning() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            watch.pidField().textProperty().set(Long.toString(sleeper.pid()));
            watch.toggle();
            assertThat(watch.watchingProperty().get()).isTrue();
            assertThat(watch.statusProperty().get()).isEqualTo("watching pid " + sleeper.pid());
            watch.refresh();
            assertThat(watch.watchingProperty().get()).isTrue();

            sleeper.destroy();
            sleeper.waitFor();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                watch.refresh();
                return !watch.watchingProperty().get();
            });
            assertThat(watch.statusProperty().get()).isEqualTo("pid " + sleeper.pid() + " exited");
            assertThat(watch.statusErrorProperty().get()).isTrue();
            assertThat(watched).containsExactly(sleeper.pid(), -1L);
            assertThat(events.all()).filteredOn(e -> e.kind() == EventKind.WARNING).extracting(Event::message)
                    .containsExactly("watched process " + sleeper.pid() + " exited");
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void emptyPid_isAnErrorNotAWatch() {
        watch.toggle();
        assertThat(watch.watchingProperty().get()).isFalse();
        assertThat(watch.statusErrorProperty().get()).isTrue();
        assertThat(watched).isEmpty();
    }

    @Test
    void toggleAgain_unwatchesAndClearsTheStatus() {
        watch.pidField().textProperty().set(Long.toString(ProcessHandle.current().pid()));
        watch.toggle();
        watch.toggle();
        assertThat(watch.watchingProperty().get()).isFalse();
        assertThat(watch.statusProperty().get()).isEmpty();
        assertThat(watched).containsExactly(ProcessHandle.current().pid(), -1L);
    }
}
