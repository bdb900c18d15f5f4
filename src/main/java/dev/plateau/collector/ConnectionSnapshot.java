package dev.plateau.collector;

/**
 * One connection's figures at one instant. Immutable; what the sampler, the monitor endpoint and the UI read.
 *
 * @param id                 connection id, unique within a collector, from 1
 * @param remote             remote address as {@code host:port}
 * @param protocol           {@code http/1.1} or {@code h2c}
 * @param openedAtMillis     wall-clock time of accept
 * @param requests           requests completed on this connection (any status)
 * @param bytesIn            bytes of requests received (request line, headers, body as sent)
 * @param capacityBytes      current capacity of the connection buffer(s)
 * @param highWaterBytes     largest capacity this connection's buffer ever had
 * @param shrinks            how often the buffer was shrunk back to one chunk
 * @param lastActivityMillis wall-clock time of the last byte received or response sent
 */
public record ConnectionSnapshot(
        long id,
        String remote,
        String protocol,
        long openedAtMillis,
        long requests,
        long bytesIn,
        long capacityBytes,
        long highWaterBytes,
        long shrinks,
        long lastActivityMillis) {

    public long ageMillis(long nowMillis) {
        return Math.max(0, nowMillis - openedAtMillis);
    }

    public long idleMillis(long nowMillis) {
        return Math.max(0, nowMillis - lastActivityMillis);
    }
}
