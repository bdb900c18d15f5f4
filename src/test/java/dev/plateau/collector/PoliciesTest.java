package dev.plateau.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.events.Event;
import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoliciesTest {

    @Test
    void eachRealChangeIsOneEvent() {
        EventLog log = new EventLog();
        Policies p = new Policies(false, false, Duration.ZERO, log);
        p.setShrink(true);
        p.setShrink(true);
        p.setReinit(true);
        p.setIdleTimeout(Duration.ofSeconds(10));
        assertThat(log.all()).extracting(Event::message)
                .containsExactly("shrink on", "reinit on", "idle_timeout 10s");
        assertThat(log.all()).allMatch(e -> e.kind() == EventKind.POLICY);
        assertThat(p.state().describe()).isEqualTo("shrink on, reinit on, idle_timeout 10s, trim off");
    }
}
