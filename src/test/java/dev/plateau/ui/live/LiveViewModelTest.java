package dev.plateau.ui.live;

import dev.plateau.ui.Samples;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.events.EventKind;
import dev.plateau.events.EventLog;
import dev.plateau.telemetry.Sample;
import dev.plateau.telemetry.SampleRing;
import dev.plateau.ui.common.ChartInteraction.TimeRange;
import dev.plateau.ui.common.TimeWindow;
import dev.plateau.ui.live.LiveFrame;
import dev.plateau.ui.live.LiveViewModel;
import dev.plateau.ui.main.StatusViewModel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveViewModelTest {
    private final List<Sample> ring = new ArrayList<>();
    private final EventLog events = new EventLog();
    private final LiveViewModel live = new LiveViewModel(() -> List.copyOf(ring), events);

    @Test
    void noSamples_givesTheEmptyFrame() {
        live.refresh();
        assertThat(live.frameProperty().get()).isSameAs(LiveFrame.EMPTY);
    }

    @Test
    void window_keepsOnlyTheLastMinute() {
        for (int i = 0; i <= 600; i++) {
            ring.add(Samples.at(i * 0.5, 10_000_000 + i));
        }
        live.windowProperty().set(TimeWindow.ONE_MINUTE);
        live.refresh();
        LiveFrame f = live.frameProperty().get();
        assertThat(f.xMax()).isEqualTo(300);
        assertThat(f.xMin()).isEqualTo(240);
        LiveFrame.Line rss = f.line(f.memory(), LiveViewModel.RSS);
        assertThat(rss.x()[0]).isGreaterThanOrEqualTo(240);
        assertThat(rss.lastY()).isEqualTo(10_000_600);
    }

    @Test
    void longHistory_isDownsampledToTheCap() {
        for (int i = 0; i < 20_000; i++) {
            ring.add(Samples.at(i * 0.25, 10_000_000 + (i % 97) * 1000));
        }
        live.windowProperty().set(TimeWindow.ALL);
        live.refresh();
        LiveFrame f = live.frameProperty().get();
        for (LiveFrame.Line l : f.memory()) {
            assertThat(l.size()).isEqualTo(LiveViewModel.MAX_POINTS);
        }
        assertThat(f.xMin()).isZero();
        assertThat(f.xMax()).isEqualTo(19_999 * 0.25);
    }

    @Test
    void allocationRate_isPerSecondBetweenSamples() {
        ring.add(Samples.at(0, 1, 0, 0, 100, List.of()));
        ring.add(Samples.at(0.5, 1, 0, 0, 150, List.of()));
        ring.add(Samples.at(1.0, 1, 0, 0, 150, List.of()));
        live.refresh();
        LiveFrame.Line rate = live.frameProperty().get().encoderRate().get(0);
        assertThat(rate.y()).containsExactly(100.0, 0.0);
        assertThat(rate.x()).containsExactly(0.5, 1.0);
    }

    @Test
    void bars_showCapacityAndHighWaterPerConnection() {
        ring.add(Samples.at(1, 1, 9_000_000, 3, 0, List.of(Samples.conn(1, 1_000_000, 5_000_000),
                Samples.conn(2, 8_000_000, 8_000_000))));
        live.refresh();
        assertThat(live.frameProperty().get().connections()).containsExactly(
                new LiveFrame.Bar("#1", 1_000_000, 5_000_000), new LiveFrame.Bar("#2", 8_000_000, 8_000_000));
    }

    @Test
    void markers_mapEventTimesOntoTheElapsedAxis() {
        for (int i = 0; i <= 20; i++) {
            ring.add(Samples.at(i, 1));
        }
        EventLog log = new EventLog(100, Clock.fixed(Instant.ofEpochMilli(Samples.T0 + 12_500), ZoneOffset.UTC));
        LiveViewModel vm = new LiveViewModel(() -> List.copyOf(ring), log);
        log.emit(EventKind.POLICY, "shrink on");
        log.emit(EventKind.SHRINK, "conn=1 shrunk buffer from 5000000 to 1000000");
        vm.refresh();
        List<LiveFrame.Marker> markers = vm.frameProperty().get().markers();
        assertThat(markers).containsExactly(new LiveFrame.Marker(12.5, "shrink on", EventKind.POLICY, "shrink on"));
    }

    @Test
    void markerLabels_areShortTheFullMessageIsTheDetail() {
        EventLog log = new EventLog();
        assertThat(LiveViewModel.shortLabel(log.emit(EventKind.BURST_START,
                "burst 100 requests x 4 connections → http://127.0.0.1:9880/plateau (1669052 B body)"))).isEqualTo("burst start");
        assertThat(LiveViewModel.shortLabel(log.emit(EventKind.BURST_END, "burst done: 100 requests in 2.01 s"))).isEqualTo("burst done");
        assertThat(LiveViewModel.shortLabel(log.emit(EventKind.RUN, "run before started: runs/x"))).isEqualTo("run before started");
        assertThat(LiveViewModel.shortLabel(log.emit(EventKind.POLICY, "idle_timeout 10s"))).isEqualTo("idle_timeout 10s");
    }

    @Test
    void markers_outsideTheWindowAreDropped() {
        for (int i = 0; i <= 200; i++) {
            ring.add(Samples.at(i, 1));
        }
        EventLog log = new EventLog(100, Clock.fixed(Instant.ofEpochMilli(Samples.T0 + 10_000), ZoneOffset.UTC));
        LiveViewModel vm = new LiveViewModel(() -> List.copyOf(ring), log);
        log.emit(EventKind.BURST_START, "burst 100 requests");
        vm.windowProperty().set(TimeWindow.ONE_MINUTE);
        vm.refresh();
        assertThat(vm.frameProperty().get().markers()).isEmpty();
        vm.windowProperty().set(TimeWindow.ALL);
        vm.refresh();
        assertThat(vm.frameProperty().get().markers()).extracting(LiveFrame.Marker::x).containsExactly(10.0);
    }

    @Test
    void toElapsed_usesTheReferenceSample() {
        Sample ref = Samples.at(100, 1);
        assertThat(LiveViewModel.toElapsed(Samples.T0 + 40_000, ref)).isEqualTo(40.0);
    }

    @Test
    void watchedProcess_addsItsOwnLine() {
        Sample s = Samples.at(1, 5);
        Sample watched = new Sample(s.epochMillis(), s.elapsedS(), s.rssBytes(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, false, false, 0, 77_000_000, List.of());
        ring.add(watched);
        live.refresh();
        LiveFrame f = live.frameProperty().get();
        assertThat(f.line(f.watched(), LiveViewModel.WATCHED).lastY()).isEqualTo(77_000_000);
    }

    @Test
    void status_showsRateOverTheLastSecond() {
        ring.add(Samples.at(0, 50_000_000, 0, 0, 0, List.of()));
        ring.add(Samples.at(0.5, 50_000_000, 0, 100, 0, List.of()));
        ring.add(Samples.at(1.0, 60_000_000, 0, 400, 0, List.of()));
        StatusViewModel status = new StatusViewModel(() -> ring);
        status.refresh();
        assertThat(status.rateProperty().get()).isEqualTo("400 req/s");
        assertThat(status.rssProperty().get()).isEqualTo("RSS 60 MB");
        assertThat(status.recordsProperty().get()).isEqualTo("records in 4k / out 4k");
    }

    @Test
    void refresh_readsOnlyNewSamples_andRebuildsWhenTheRingThins() {
        SampleRing r = new SampleRing(100);
        LiveViewModel vm = new LiveViewModel(r::snapshot, events);
        vm.windowProperty().set(TimeWindow.ALL);
        for (int i = 0; i < 80; i++) {
            r.add(Samples.at(i * 0.25, 1_000 + i, 0, 0, i * 10L, List.of()));
        }
        vm.refresh();
        assertThat(vm.columns().read).isEqualTo(80);
        for (int i = 80; i < 90; i++) {
            r.add(Samples.at(i * 0.25, 1_000 + i, 0, 0, i * 10L, List.of()));
        }
        vm.refresh();
        assertThat(vm.columns().read).as("only the 10 new samples are read").isEqualTo(90);
        assertSameFrame(vm, r);
        for (int i = 90; i < 101; i++) {
            r.add(Samples.at(i * 0.25, 1_000 + i, 0, 0, i * 10L, List.of()));
        }
        assertThat(r.size()).as("the 101st sample thinned the ring").isLessThan(100);
        vm.refresh();
        assertThat(vm.columns().read).as("rebuilt from the thinned ring").isEqualTo(90 + r.size());
        assertSameFrame(vm, r);
        r.clear();
        r.add(Samples.at(500, 7));
        vm.refresh();
        assertThat(vm.frameProperty().get().memory().get(0).y()).containsExactly(7.0);
    }

    @Test
    void longWindows_redrawOncePerSecond_theMinuteWindowAndMarkersAtOnce() {
        List<Integer> redrawn = new ArrayList<>();
        live.frameProperty().addListener((obs, o, f) -> redrawn.add(ring.size()));
        live.windowProperty().set(TimeWindow.FIVE_MINUTES);
        for (int i = 0; i < 12; i++) {
            ring.add(Samples.at(i * 0.25, 1_000 + i));
            live.refresh();
        }
        assertThat(redrawn).as("5 min: 1 s per bucket").containsExactly(1, 5, 9);
        redrawn.clear();
        live.windowProperty().set(TimeWindow.ONE_MINUTE);
        live.refresh();
        for (int i = 12; i < 15; i++) {
            ring.add(Samples.at(i * 0.25, 1_000 + i));
            live.refresh();
        }
        assertThat(redrawn).as("a new window at once; 1 min: every sample").containsExactly(12, 13, 14, 15);
        redrawn.clear();
        live.windowProperty().set(TimeWindow.FIVE_MINUTES);
        live.refresh();
        ring.add(Samples.at(15 * 0.25, 1_000));
        live.refresh();
        ring.add(Samples.at(16 * 0.25, 1_000));
        events.emit(EventKind.POLICY, "shrink on");
        live.refresh();
        assertThat(redrawn).as("a new marker at once").containsExactly(15, 17);
        live.setRedrawEveryTick(true);
        ring.add(Samples.at(17 * 0.25, 1_000));
        live.refresh();
        assertThat(redrawn).containsExactly(15, 17, 18);
        assertThat(LiveViewModel.redrawPeriodS(3600)).isEqualTo(LiveViewModel.MAX_REDRAW_PERIOD_S);
        assertThat(LiveViewModel.redrawPeriodS(60)).isEqualTo(0.2);
    }

    /** The incrementally built frame equals the one a new view model builds from the whole ring. */
    private void assertSameFrame(LiveViewModel vm, SampleRing r) {
        LiveViewModel fresh = new LiveViewModel(r::snapshot, events);
        fresh.windowProperty().set(vm.windowProperty().get());
        fresh.refresh();
        LiveFrame a = vm.frameProperty().get();
        LiveFrame b = fresh.frameProperty().get();
        assertThat(a.xMin()).isEqualTo(b.xMin());
        assertThat(a.xMax()).isEqualTo(b.xMax());
        for (List<List<LiveFrame.Line>> pair : List.of(List.of(a.memory(), b.memory()), List.of(a.buffers(), b.buffers()),
                List.of(a.encoderRate(), b.encoderRate()))) {
            assertThat(pair.get(0)).hasSameSizeAs(pair.get(1));
            for (int i = 0; i < pair.get(0).size(); i++) {
                assertThat(pair.get(0).get(i).x()).containsExactly(pair.get(1).get(i).x());
                assertThat(pair.get(0).get(i).y()).containsExactly(pair.get(1).get(i).y());
            }
        }
        assertThat(a.encoderRate().get(0).y()).contains(40.0);
    }

    @Test
    void zoomHint_namesTheRangeAndIsEmptyWhenFollowingTheWindow() {
        assertThat(LiveViewModel.zoomHint(null)).isEmpty();
        assertThat(LiveViewModel.zoomHint(new TimeRange(30, 120))).isEqualTo(
                "zoomed to 30 s – 2 min (live data paused on the axis): double-click or Esc to follow the window again");
    }

    @Test
    void connectionsTitle_saysWhenNoConnectionIsOpenElseTheChunkSize() {
        List<LiveFrame.Bar> one = List.of(new LiveFrame.Bar("#1", 1_000, 2_000));
        assertThat(LiveViewModel.connectionsTitle(LiveFrame.EMPTY))
                .isEqualTo("Per connection: buffer now vs. high-water mark — no connection open");
        assertThat(LiveViewModel.connectionsTitle(frame(one, 0))).isEqualTo("Per connection: buffer now vs. high-water mark");
        assertThat(LiveViewModel.connectionsTitle(frame(one, 2_000_000)))
                .isEqualTo("Per connection: buffer now vs. high-water mark   (1 chunk = 2 MB)");
    }

    private static LiveFrame frame(List<LiveFrame.Bar> bars, long chunkBytes) {
        return new LiveFrame(0, 60, List.of(), List.of(), List.of(), List.of(), List.of(), bars, List.of(), chunkBytes);
    }
}
