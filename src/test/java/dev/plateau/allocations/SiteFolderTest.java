package dev.plateau.allocations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SiteFolderTest {

    @Test
    void fold_stockFluentBit_namesTheSessionIngestBehindTheSdsWrappers() {
        List<AllocationSite> sites = new SiteFolder(Wrappers.DEFAULT).fold(Fixtures.report("fb-stock-held.heaptrack.txt"));

        AllocationSite top = sites.get(0);
        assertThat(top.function()).isEqualTo("flb_http_server_session_ingest");
        assertThat(top.location()).isEqualTo("fluent-bit-5.1.1/src/http_server/flb_http_server.c:1374");
        assertThat(top.via()).containsExactly("cfl_sds_increase", "cfl_sds_cat");
        assertThat(top.heldBytes()).isEqualTo(31_710_000 + 1_670_000);
        assertThat(top.stack().get(0).function()).isEqualTo("cfl_sds_increase");
    }

    @Test
    void fold_shrinkFluentBit_sessionBuffersNoLongerHeld() {
        List<AllocationSite> stock = new SiteFolder(Wrappers.DEFAULT).top(Fixtures.report("fb-stock-held.heaptrack.txt"), At.END, 5);
        List<AllocationSite> shrink = new SiteFolder(Wrappers.DEFAULT).top(Fixtures.report("fb-shrink-held.heaptrack.txt"), At.END, 5);

        String ingest = stock.get(0).key();
        assertThat(shrink).extracting(AllocationSite::key).doesNotContain(ingest);
        assertThat(shrink.get(0).heldBytes()).isLessThan(stock.get(0).heldBytes() / 3);
    }

    @Test
    void fold_withoutWrappers_keepsTheInnermostFrame() {
        List<AllocationSite> sites = new SiteFolder(new Wrappers(List.of("nothing"))).fold(Fixtures.report("fb-stock-held.heaptrack.txt"));

        assertThat(sites.get(0).function()).isEqualTo("cfl_sds_increase");
        assertThat(sites.get(0).via()).isEmpty();
    }

    @Test
    void fold_inlinedSite_takesTheModuleOfItsOuterFrame() {
        List<AllocationSite> sites = new SiteFolder(Wrappers.DEFAULT).fold(Fixtures.report("fb-stock-held.heaptrack.txt"));

        AllocationSite read = sites.stream().filter(s -> s.function().equals("flb_http_server_session_read")
                && s.location().endsWith(":233")).findFirst().orElseThrow();
        assertThat(read.module()).endsWith("fluent-bit-5.1.1");
        assertThat(read.via()).containsExactly("flb_malloc");
    }

    @Test
    void top_atPeak_ranksByPeakBytes() {
        List<AllocationSite> top = new SiteFolder(Wrappers.DEFAULT).top(Fixtures.report("keeper.heaptrack.txt"), At.PEAK, 2);

        assertThat(top).extracting(AllocationSite::function).containsExactly("handle_and_free", "keep_connection_buffer");
        assertThat(top.get(0).heldBytes()).isZero();
    }

    @Test
    void wrappers_globsMatchWholeNames() {
        Wrappers w = Wrappers.DEFAULT.plus(List.of("my_alloc_*"));

        assertThat(w.matches("cfl_sds_cat")).isTrue();
        assertThat(w.matches("my_alloc_page")).isTrue();
        assertThat(w.matches("operator new(unsigned long)")).isTrue();
        assertThat(w.matches("flb_malloc_helper")).isFalse();
        assertThat(w.matches("xmalloc")).isFalse();
    }
}
