package dev.plateau.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plateau.collector.Collector;
import dev.plateau.collector.CollectorConfig;
import dev.plateau.events.EventLog;
import dev.plateau.load.PayloadGenerator;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Measures what one sample costs (printed, not asserted against a time: the machine is shared). At 4 Hz a
 * sample may cost up to 25 ms before it uses 1% of a core.
 */
class SamplerCostBenchmarkTest {

    @Test
    void printsMicrosecondsPerSample() throws IOException {
        Collector collector = new Collector(CollectorConfig.builder().port(0).monitorPort(0).build(), new EventLog());
        collector.start();
        List<KeepAliveClient> clients = new ArrayList<>();
        try {
            byte[] body = PayloadGenerator.jsonArray(5, 1);
            for (int i = 0; i < 100; i++) {
                KeepAliveClient c = new KeepAliveClient(collector.address());
                c.post("/bench", body);
                clients.add(c);
            }
            Sampler withCollector = new Sampler(() -> collector, Duration.ofMillis(250), new SampleRing(64), Clock.systemUTC());
            Sampler jvmOnly = new Sampler(() -> null, Duration.ofMillis(250), new SampleRing(64), Clock.systemUTC());
            double collectorUs = measure(withCollector);
            double jvmUs = measure(jvmOnly);
            assertThat(withCollector.sampleNow().connOpen()).isEqualTo(100);
            String line = String.format(Locale.ROOT,
                    "Sampler cost: %.1f us/sample with a collector and 100 open connections (%.3f%% of one core at 4 Hz); "
                            + "%.1f us/sample without a collector", collectorUs, collectorUs * 4 / 1e6 * 100, jvmUs);
            System.out.println(line);
        } finally {
            for (KeepAliveClient c : clients) {
                c.close();
            }
            collector.stop();
        }
    }

    private static double measure(Sampler sampler) {
        for (int i = 0; i < 2_000; i++) {
            sampler.sampleNow();
        }
        int n = 5_000;
        long start = System.nanoTime();
        long sink = 0;
        for (int i = 0; i < n; i++) {
            sink += sampler.sampleNow().connBufferBytes();
        }
        double us = (System.nanoTime() - start) / 1e3 / n;
        assertThat(sink).isNotNegative();
        return us;
    }
}
