package dev.plateau.collector.encode;

/**
 * What the encoder needs to know about one request besides its body.
 *
 * @param time          timestamp shared by all records of the request
 * @param tag           the request's tag (from the path, or the default tag)
 * @param tagKey        {@code tag_key}: if non-null, a record's string field of this name becomes its tag
 * @param remoteAddrKey key under which {@code remoteAddr} is added to each record
 * @param remoteAddr    first {@code X-Forwarded-For} entry, or {@code null} to add nothing
 */
public record RequestContext(EventTime time, String tag, String tagKey, String remoteAddrKey, String remoteAddr) {
}
