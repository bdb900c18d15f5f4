package dev.plateau.collector.encode;

import java.time.Instant;

/**
 * Fluent Bit's EventTime: seconds and nanoseconds, packed as msgpack ext type 0 of 8 bytes
 * (big-endian uint32 seconds, uint32 nanoseconds).
 */
public record EventTime(long seconds, int nanos) {
    public EventTime {
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("seconds out of uint32 range: " + seconds);
        }
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("nanos out of range: " + nanos);
        }
    }

    public static EventTime of(Instant instant) {
        return new EventTime(instant.getEpochSecond(), instant.getNano());
    }

    public static EventTime now() {
        return of(Instant.now());
    }

    /** The 8 payload bytes of the ext value. */
    public byte[] toBytes() {
        return new byte[] {
            (byte) (seconds >>> 24), (byte) (seconds >>> 16), (byte) (seconds >>> 8), (byte) seconds,
            (byte) (nanos >>> 24), (byte) (nanos >>> 16), (byte) (nanos >>> 8), (byte) nanos
        };
    }
}
