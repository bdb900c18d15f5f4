package dev.plateau.allocations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class HeaptrackReportTest {

    @Test
    void parse_keeperReport_readsEachSectionWithWholeStacks() {
        HeaptrackReport r = Fixtures.report("keeper.heaptrack.txt");

        assertThat(r.debuggee()).isEqualTo("./keeper 4 10");
        Backtrace held = r.held().get(0);
        assertThat(held.bytes()).isEqualTo(2_620_000);
        assertThat(held.calls()).isEqualTo(40);
        assertThat(held.frames()).extracting(Frame::function).containsExactly("keep_connection_buffer", "main");
        assertThat(held.frames().get(0).location()).isEqualTo("/src/keeper.c:14");
        assertThat(held.frames().get(0).module()).isEqualTo("/src/keeper");
        assertThat(r.peak()).extracting(b -> b.frames().get(0).function()).contains("handle_and_free");
        assertThat(r.calls()).isNotEmpty();
    }

    @Test
    void parse_keeperReport_readsTheTotals() {
        HeaptrackReport r = Fixtures.report("keeper.heaptrack.txt");

        assertThat(r.leakedBytes()).isEqualTo(2_700_000);
        assertThat(r.peakHeapBytes()).isEqualTo(6_890_000);
        assertThat(r.totalCalls()).isEqualTo(82);
        assertThat(r.runtimeS()).isGreaterThan(0);
    }

    @Test
    void parse_fluentBitReport_keepsInlinedFramesWithoutModule() {
        HeaptrackReport r = Fixtures.report("fb-stock-held.heaptrack.txt");

        Backtrace top = r.held().get(0);
        assertThat(top.bytes()).isEqualTo(31_710_000);
        assertThat(top.frames()).extracting(Frame::function)
                .startsWith("cfl_sds_increase", "cfl_sds_cat", "flb_http_server_session_ingest");
        Frame inlined = top.frames().stream().filter(f -> f.function().equals("flb_http_server_client_activity_event_handler"))
                .findFirst().orElseThrow();
        assertThat(inlined.module()).isEmpty();
        assertThat(inlined.location()).isEqualTo("fluent-bit-5.1.1/src/http_server/flb_http_server.c:438");
        assertThat(r.leakedBytes()).isEqualTo(45_970_000);
        assertThat(r.peakRssBytes()).isEqualTo(99_160_000);
    }

    @Test
    void parse_addressFrames_areUnnamed() {
        HeaptrackReport r = Fixtures.report("keeper.heaptrack.txt");

        Frame address = r.held().get(1).frames().get(0);
        assertThat(address.function()).startsWith("0x");
        assertThat(address.named()).isFalse();
        assertThat(address.module()).isEqualTo("/lib/x86_64-linux-gnu/libstdc++.so.6");
    }

    @Test
    void parse_textThatIsNotAReport_failsNamingWhy() {
        assertThatThrownBy(() -> HeaptrackReport.parse(new StringReader("hello\nworld\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no heaptrack_print section");
    }

    @Test
    void parse_badSize_failsNamingTheLine() {
        String text = "MEMORY LEAKS\n12Q leaked over 3 calls from\n  f\n";
        assertThatThrownBy(() -> HeaptrackReport.parse(new StringReader(text)))
                .hasMessageContaining("line 2").hasMessageContaining("12Q");
    }

    @Test
    void byteUnits_areDecimalLikeHeaptrack() {
        assertThat(ByteUnits.parse("0B")).isZero();
        assertThat(ByteUnits.parse("168B")).isEqualTo(168);
        assertThat(ByteUnits.parse("72.70K")).isEqualTo(72_700);
        assertThat(ByteUnits.parse("31.71M")).isEqualTo(31_710_000);
        assertThat(ByteUnits.parse("1.5G")).isEqualTo(1_500_000_000L);
    }
}
