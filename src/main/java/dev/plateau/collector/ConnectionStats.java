package dev.plateau.collector;

/**
 * Live figures of one connection. Written only by the connection's event loop (single writer), read by any
 * thread through {@link #snapshot()}: fields are volatile, so readers see recent values without locks.
 */
public final class ConnectionStats {
    private final long id;
    private final String remote;
    private final long openedAtMillis;
    private volatile String protocol = "http/1.1";
    private volatile long requests;
    private volatile long bytesIn;
    private volatile long capacity;
    private volatile long highWater;
    private volatile long shrinks;
    private volatile long lastActivityMillis;

    public ConnectionStats(long id, String remote, long openedAtMillis) {
        this.id = id;
        this.remote = remote;
        this.openedAtMillis = openedAtMillis;
        this.lastActivityMillis = openedAtMillis;
    }

    public long id() {
        return id;
    }

    public String remote() {
        return remote;
    }

    public long capacity() {
        return capacity;
    }

    public long highWater() {
        return highWater;
    }

    public long lastActivityMillis() {
        return lastActivityMillis;
    }

    // --- writers: the owning event loop only -------------------------------------------------------

    public void protocol(String p) {
        protocol = p;
    }

    /** Sets the current buffer capacity and raises the high-water mark if needed. */
    public void capacity(long bytes) {
        capacity = bytes;
        if (bytes > highWater) {
            highWater = bytes;
        }
    }

    public void addBytesIn(long n) {
        bytesIn += n;
    }

    public void requestDone() {
        requests++;
    }

    public void shrunk() {
        shrinks++;
    }

    public void touch(long nowMillis) {
        lastActivityMillis = nowMillis;
    }

    public ConnectionSnapshot snapshot() {
        return new ConnectionSnapshot(id, remote, protocol, openedAtMillis, requests, bytesIn, capacity, highWater,
                shrinks, lastActivityMillis);
    }
}
