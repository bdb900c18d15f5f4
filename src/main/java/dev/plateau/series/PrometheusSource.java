package dev.plateau.series;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A Prometheus text endpoint scraped each interval ({@code /api/v2/metrics/prometheus} of Fluent Bit with
 * {@code -H -P PORT}, Plateau's own {@code /api/v1/metrics/prometheus}): every sample becomes a series named as
 * served, labels in braces ({@code fluentbit_input_records_total{name="http.0"}}).
 *
 * <p>A scrape runs on this source's own thread ({@code plateau-scrape}); {@link #read} only hands over the latest
 * completed scrape and starts the next one when the previous one is done, so a slow endpoint never delays the
 * other sources. The first failure is kept as the {@link #fault()}, one line naming the cause: refused, an HTTP
 * status other than 200, a body that is not Prometheus text (with its line), a line over
 * {@value PrometheusTextParser#MAX_LINE} bytes, or a scrape slower than the timeout (the sample interval, at least
 * 1 s by default). Before a run, {@link #awaitFirstScrape} retries until the endpoint answers or the target's ready
 * timeout passes, so the run's columns include the endpoint's series from the first row.
 *
 * <pre>{@code
 * PrometheusSource fb = new PrometheusSource(URI.create("http://127.0.0.1:2020/api/v2/metrics/prometheus"), Duration.ofSeconds(1));
 * fb.awaitFirstScrape(Duration.ofSeconds(5));   // its series are declared before recording starts
 * }</pre>
 */
public final class PrometheusSource implements Source {
    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final ExecutorService scraper = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "plateau-scrape");
        t.setDaemon(true);
        return t;
    });
    private volatile Map<Series, Double> latest;
    private volatile String fault;
    private Future<?> inFlight;

    public PrometheusSource(URI url, Duration timeout) {
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
            throw new IllegalArgumentException("metrics URL: must be http://HOST:PORT/PATH, was " + url);
        }
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The default timeout for a sample interval: the interval, at least one second. */
    public static Duration timeoutFor(Duration interval) {
        return interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval;
    }

    public URI url() {
        return url;
    }

    /**
     * Scrapes until one scrape succeeds or {@code wait} has passed (a server may answer 404 until its first metrics
     * are collected: Fluent Bit 5.1.1 does for about a second after it starts listening); returns {@code null}, or
     * the last scrape's fault, which is then this source's fault.
     */
    public String awaitFirstScrape(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        String last;
        do {
            Future<String> f = scraper.submit(this::scrapeOnce);
            try {
                last = f.get(Math.max(timeout.toMillis(), wait.toMillis()) + 1000, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                last = "metrics endpoint " + url + ": " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fault;
            }
            if (last == null) {
                return null;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(200);   // retry back-off while the endpoint comes up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        fail(last);
        return fault;
    }

    @Override
    public String id() {
        return "prometheus";
    }

    @Override
    public void read(SeriesRegistry registry, Map<String, Double> out) {
        Map<Series, Double> last = latest;
        if (last != null) {
            last.forEach((s, v) -> out.put(registry.declare(id(), s).column(), v));
        }
        synchronized (this) {
            if (fault == null && (inFlight == null || inFlight.isDone()) && !scraper.isShutdown()) {
                inFlight = scraper.submit(this::scrape);
            }
        }
    }

    private void scrape() {
        String f = scrapeOnce();
        if (f != null) {
            fail(f);
        }
    }

    /** One scrape: the latest values on success ({@code null}), else the one-line cause. */
    private String scrapeOnce() {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Accept", "text/plain;version=0.0.4").GET().build();
        try {
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = r.body()) {
                if (r.statusCode() != 200) {
                    return "metrics endpoint " + url + " answered HTTP " + r.statusCode();
                }
                latest = PrometheusTextParser.parse(body);
                return null;
            }
        } catch (HttpTimeoutException e) {
            return "metrics endpoint " + url + " answered slower than " + timeout.toMillis() + " ms (the scrape timeout)";
        } catch (ConnectException e) {
            return "metrics endpoint " + url + " refused the connection";
        } catch (IllegalArgumentException e) {
            return "metrics endpoint " + url + " is not Prometheus text: " + e.getMessage();
        } catch (IOException e) {
            return "metrics endpoint " + url + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "metrics endpoint " + url + ": interrupted";
        }
    }

    private void fail(String message) {
        if (fault == null) {
            fault = message;
        }
    }

    @Override
    public String fault() {
        return fault;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", id());
        m.put("url", url.toString());
        m.put("timeout_ms", timeout.toMillis());
        if (fault != null) {
            m.put("fault", fault);
        }
        return m;
    }

    @Override
    public void close() {
        scraper.shutdownNow();
    }
}
