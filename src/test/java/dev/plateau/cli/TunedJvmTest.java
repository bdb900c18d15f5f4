package dev.plateau.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.CollectorConfig;
import dev.plateau.collector.MemoryBudget;
import java.util.List;
import org.junit.jupiter.api.Test;

class TunedJvmTest {
    @Test
    void cliAndConsole_comeFromThePomThroughTheFilteredResource() {
        assertThat(TunedJvm.cli()).contains("-XX:+UseG1GC", "--add-opens=java.base/java.nio=ALL-UNNAMED")
                .anyMatch(o -> o.startsWith("-Xmx"));
        assertThat(TunedJvm.console()).anyMatch(o -> o.startsWith("-Xmx")).contains("-Dprism.order=sw");
    }

    @Test
    void present_whenEveryMemoryOptionIsGiven_evenWithAnotherValue() {
        List<String> wanted = List.of("-Xmx64m", "-XX:+UseG1GC", "-XX:MaxHeapFreeRatio=30", "-Dfoo=bar");

        assertThat(TunedJvm.present(wanted, List.of("-Xmx128m", "-XX:+UseG1GC", "-XX:MaxHeapFreeRatio=40"))).isTrue();
        assertThat(TunedJvm.present(wanted, List.of("-Xmx64m", "-XX:+UseG1GC"))).isFalse();
        assertThat(TunedJvm.present(wanted, List.of())).isFalse();
    }

    @Test
    void hint_namesTheOptionsAndTheJar_onlyAtATerminalWithoutThem() {
        assertThat(TunedJvm.hint(List.of(), true)).contains("java " + String.join(" ", TunedJvm.cli()) + " -jar ");
        assertThat(TunedJvm.hint(List.of(), false)).isNull();
        assertThat(TunedJvm.hint(TunedJvm.cli(), true)).isNull();
    }

    @Test
    void key_dropsTheValueAndTheSwitchSign() {
        assertThat(TunedJvm.key("-Xmx64m")).isEqualTo("-Xmx");
        assertThat(TunedJvm.key("-Xms8m")).isEqualTo("-Xms");
        assertThat(TunedJvm.key("-XX:-UseG1GC")).isEqualTo("-XX:UseG1GC");
        assertThat(TunedJvm.key("-XX:MaxDirectMemorySize=1g")).isEqualTo("-XX:MaxDirectMemorySize");
    }

    @Test
    void launcherLimits_coverTheMemoryBudgetOfTheDefaultConfiguration() {
        long heap = size(option(TunedJvm.cli(), "-Xmx"));
        long direct = size(option(TunedJvm.cli(), "-XX:MaxDirectMemorySize="));

        assertThat(MemoryBudget.of(CollectorConfig.builder().build()).raise(heap, direct)).isEmpty();
    }

    private static String option(List<String> options, String prefix) {
        return options.stream().filter(o -> o.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }

    private static long size(String v) {
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (Character.toLowerCase(v.charAt(v.length() - 1))) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            case 'g' -> n << 30;
            default -> throw new IllegalArgumentException(v);
        };
    }
}
