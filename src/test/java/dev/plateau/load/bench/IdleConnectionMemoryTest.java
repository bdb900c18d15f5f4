package dev.plateau.load.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleConnectionMemoryTest {

    @Test
    void shrinkOn_leavesOneChunkPerIdleConnection_shrinkOffKeepsTheHighWaterMark() {
        StringWriter progress = new StringWriter();
        List<IdleConnectionMemory.Row> rows =
                new IdleConnectionMemory(4, IdleConnectionMemory.DEFAULT_LINES, new PrintWriter(progress, true)).run();

        assertThat(rows).extracting(IdleConnectionMemory.Row::server, IdleConnectionMemory.Row::shrink)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("baseline", "-"),
                        org.assertj.core.groups.Tuple.tuple("collector", "off"),
                        org.assertj.core.groups.Tuple.tuple("collector", "on"));
        IdleConnectionMemory.Row off = rows.get(1);
        IdleConnectionMemory.Row on = rows.get(2);
        long chunk = EndToEndBench.collectorConfig(1).bufferChunkSize();
        assertThat(off.bodyBytes()).isGreaterThan(3 * chunk);
        assertThat(off.bufferBytesPerConn()).isEqualTo(4.0 * chunk);
        assertThat(on.bufferBytesPerConn()).isEqualTo((double) chunk);
        assertThat(off.directBytesPerConn()).isGreaterThanOrEqualTo(4.0 * chunk);
        assertThat(on.directBytesPerConn()).isLessThan(off.directBytesPerConn());
        assertThat(rows).allSatisfy(r -> assertThat(r.errors()).isZero());
        assertThat(IdleConnectionMemory.format(rows, chunk)).contains("collector minus baseline");
    }

    @Test
    void rejectsALineCountOutOfRange_namingTheFlag() {
        assertThatThrownBy(() -> new IdleConnectionMemory(10, 0, new PrintWriter(new StringWriter())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--memory-lines: must be 1-100000, was 0");
    }

    @Test
    void affordableConnections_neverExceedsWhatWasAskedFor() {
        assertThat(IdleConnectionMemory.affordableConnections(5)).isBetween(1, 5);
    }
}
