package dev.plateau.collector;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request and record accounting of one collector. Lock-free writers (event loops, the flusher), any reader.
 * The invariant after {@code stop()}: {@code recordsIn == recordsOut + recordsDropped}.
 */
public final class IngestCounters {
    private final LongAdder[] byCode = new LongAdder[600];
    private final LongAdder requests = new LongAdder();
    private final LongAdder recordsIn = new LongAdder();
    private final LongAdder recordsOut = new LongAdder();
    private final LongAdder recordsDropped = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();

    public IngestCounters() {
        for (int i = 0; i < byCode.length; i++) {
            byCode[i] = new LongAdder();
        }
    }

    /** One answered request with its status code. */
    public void response(int status) {
        requests.increment();
        if (status >= 100 && status < 600) {
            byCode[status].increment();
        }
    }

    /** Records accepted (their request was answered 2xx and they are queued for output). */
    public void recordsIn(long n) {
        recordsIn.add(n);
    }

    public void recordsOut(long n) {
        recordsOut.add(n);
    }

    public void recordsDropped(long n) {
        recordsDropped.add(n);
    }

    public void bytesIn(long n) {
        bytesIn.add(n);
    }

    public void bytesOut(long n) {
        bytesOut.add(n);
    }

    public long requestsTotal() {
        return requests.sum();
    }

    public long requests(int status) {
        return byCode[status].sum();
    }

    /** Requests whose status is in {@code [class*100, class*100+99]}, e.g. {@code requestsOfClass(2)}. */
    public long requestsOfClass(int statusClass) {
        long sum = 0;
        for (int code = statusClass * 100; code < statusClass * 100 + 100 && code < 600; code++) {
            sum += byCode[code].sum();
        }
        return sum;
    }

    /** Non-zero counts by status code, ascending. */
    public Map<Integer, Long> byCode() {
        Map<Integer, Long> out = new TreeMap<>();
        for (int code = 100; code < 600; code++) {
            long n = byCode[code].sum();
            if (n != 0) {
                out.put(code, n);
            }
        }
        return out;
    }

    public long recordsInTotal() {
        return recordsIn.sum();
    }

    public long recordsOutTotal() {
        return recordsOut.sum();
    }

    public long recordsDroppedTotal() {
        return recordsDropped.sum();
    }

    public long bytesInTotal() {
        return bytesIn.sum();
    }

    public long bytesOutTotal() {
        return bytesOut.sum();
    }
}
