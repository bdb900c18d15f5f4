package dev.plateau.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessMemoryProbeTest {

    @Test
    void selfReportsThisJvmsRss() {
        ProcessMemoryProbe self = ProcessMemoryProbe.self();
        assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(self.rssBytes()).isGreaterThan(20_000_000L).isLessThan(8_000_000_000L);
    }

    @Test
    void rssRisesWhenThisJvmTouchesMemory() {
        long before = ProcessMemoryProbe.self().rssBytes();
        java.nio.ByteBuffer big = java.nio.ByteBuffer.allocateDirect(64_000_000);
        for (int i = 0; i < big.capacity(); i += 4096) {
            big.put(i, (byte) 1);
        }
        assertThat(ProcessMemoryProbe.self().rssBytes()).isGreaterThan(before + 50_000_000);
        assertThat(big.get(4096)).isEqualTo((byte) 1);
    }

    @Test
    void watchesAnotherProcessUntilItIsGone() throws IOException {
        Process p = new ProcessBuilder("sleep", "60").start();
        try {
            ProcessMemoryProbe probe = ProcessMemoryProbe.of(p.pid());
            assertThat(probe.pid()).isEqualTo(p.pid());
            // until the child has exec'd, /proc/PID is Java's spawn helper (RSS 0 in between): wait for sleep itself
            await().atMost(Duration.ofSeconds(10)).until(() -> p.toHandle().info().command()
                    .map(c -> c.endsWith("/sleep")).orElse(false));
            assertThat(probe.rssBytes()).isPositive().isLessThan(100_000_000L);
            p.destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.rssBytes() == -1);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void of_noSuchPid_throwsNamingIt() {
        assertThatThrownBy(() -> ProcessMemoryProbe.of(Integer.MAX_VALUE - 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no process with PID " + (Integer.MAX_VALUE - 7));
        assertThatThrownBy(() -> ProcessMemoryProbe.of(-3)).hasMessage("no process with PID -3");
    }
}
