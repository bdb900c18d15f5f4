package dev.plateau.collector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    private static final long MIB = 1 << 20;

    @Test
    void of_derivesHeapFromWorkersAndDirectFromQueueEncodersAndConnections() {
        CollectorConfig c = CollectorConfig.builder().workers(2).bufferMaxSize(8 * MIB).memBufLimit(64 * MIB)
                .maxConnections(10).build();

        MemoryBudget b = MemoryBudget.of(c);

        assertThat(b.heapBytes()).isEqualTo(MemoryBudget.BASE_HEAP_MB * MIB + 2 * 8 * MIB);
        assertThat(b.directBytes()).isEqualTo(64 * MIB + 2 * 8 * MIB);
        assertThat(b.directWithConnections()).isEqualTo(80 * MIB + 10 * 8 * MIB);
    }

    @Test
    void describe_statesNeedAndJvmLimits_withoutAdviceWhenTheyCoverIt() {
        MemoryBudget b = MemoryBudget.of(CollectorConfig.builder().maxConnections(10).build());

        String line = b.describe(64 * MIB, 1024 * MIB);

        assertThat(line).startsWith("memory: limits need heap ≤ 28 MiB").contains("10 × 4 MiB for max_connections")
                .contains("this JVM: heap max 64 MiB, direct max 1024 MiB").doesNotContain("too small");
    }

    @Test
    void describe_namesTheOptionsToRaise_whenTheJvmIsTooSmall() {
        MemoryBudget b = MemoryBudget.of(CollectorConfig.builder().bufferMaxSize(16_000_000).memBufLimit(64_000_000).build());

        String line = b.describe(32 * MIB, 32 * MIB);

        assertThat(line).endsWith("too small: set JAVA_TOOL_OPTIONS=\"-Xmx48m -XX:MaxDirectMemorySize=1616m\"");
    }
}
