package dev.plateau.collector.encode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.plateau.collector.EncoderStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Fluent Bit's log-event encoder ({@code flb_log_event_encoder}) with its memory semantics: one real
 * {@link ByteBuf} from the given allocator that starts at {@link #INITIAL_CAPACITY} and doubles;
 * {@link #reset()} sets the size to 0 and keeps the capacity (upstream), {@link #destroy()} frees it and the next
 * encode allocates 8 KiB again (the seed's reinit fix = destroy + init). Every allocation is reported to
 * {@link EncoderStats}; the capacity is registered as this encoder's retained bytes until {@link #close()}.
 *
 * <p>Bodies are parsed with Jackson's streaming parser straight into msgpack (no tree, see {@link RecordWriter}) as Fluent
 * Bit V2 events {@code [[EventTime, {}], {record}]}; all records of a request share {@link RequestContext#time()}.
 * A top-level object is one record, concatenated objects are several, an array gives one record per element.
 * Rejected with {@link RecordException}, keeping nothing of the request: a scalar at top level, an array element
 * that is not an object (the whole request, not just that element), truncated JSON, trailing garbage, a body
 * that is not well-formed UTF-8 (checked strictly before parsing, since Jackson lets
 * overlong forms and encoded surrogates through), nesting deeper than 1000. Record maps and nested containers carry map32/array32 headers (see
 * {@link RecordWriter}). Direct bodies up to {@link #SMALL_BODY} are parsed from
 * a reused 16 KiB heap copy (larger ones stream through the same array). One encoder per event loop: not thread-safe.
 *
 * <pre>{@code
 * LogEventEncoder enc = new LogEventEncoder(ctx.alloc(), stats);
 * Batch batch = enc.encodeJson(body, new RequestContext(EventTime.now(), "app", null, "REMOTE_ADDR", null));
 * for (TagGroup g : batch.groups()) queue.add(new Chunk(g.tag(), enc.copy(g), g.records()));
 * if (policies.reinit()) enc.destroy(); else enc.reset();
 * }</pre>
 *
 * <p>Over 300 lines on purpose: it is Fluent Bit's one encoder object (buffer lifecycle, both body formats, the
 * all-or-nothing session of a request); the byte-level work already lives in {@link RecordWriter}.
 */
public final class LogEventEncoder implements AutoCloseable {
    public static final int INITIAL_CAPACITY = 8 * 1024;

    /** Direct bodies up to this size are parsed from a reused heap copy instead of through an InputStream. */
    static final int SMALL_BODY = 16 * 1024;
    /** Bytes of an event before its record map: array2, array2, fixext8 header (2) + 8 payload, fixmap0. */
    private static final int EVENT_PREFIX = 1 + 1 + 2 + 8 + 1;

    /** Events of one tag inside the encoder's buffer: {@code [offset, offset+length)}. */
    public record TagGroup(String tag, int offset, int length, int records) {
    }

    /**
     * What one request produced; valid until the next encode, {@link #reset()} or {@link #destroy()} (the group list
     * is a read-only view the encoder reuses).
     */
    public record Batch(int records, List<TagGroup> groups) {
    }

    private final ByteBufAllocator allocator;
    private final EncoderStats stats;
    private final EncoderBuffer out;
    private final RecordWriter writer;
    private final LongSupplier retained;
    /**
     * Small direct bodies are copied here (one bulk copy) for Jackson's byte-array parser and the UTF-8 check;
     * larger ones are read through it in pieces.
     */
    private final byte[] small = new byte[SMALL_BODY];
    private final Session session = new Session();
    /** Parses every body of this encoder (direct bodies over {@link #SMALL_BODY} stream through {@link #small}). */
    private RawJsonParser parser;
    private int parsersCreated;

    public LogEventEncoder(ByteBufAllocator allocator, EncoderStats stats) {
        this.allocator = allocator;
        this.stats = stats;
        this.out = new EncoderBuffer(allocator, stats);
        this.writer = new RecordWriter(out);
        this.retained = out::capacity;
        stats.register(retained);
        out.buf();
    }

    /** Encodes a JSON body (object, concatenated objects, or array of objects). On error nothing is kept. */
    public Batch encodeJson(ByteBuf body, RequestContext ctx) throws RecordException {
        int from = body.readerIndex();
        int len = body.readableBytes();
        byte[] array = null;
        int offset = 0;
        if (body.hasArray()) {
            array = body.array();
            offset = body.arrayOffset() + from;
        } else if (len <= SMALL_BODY) {
            body.getBytes(from, small, 0, len);
            array = small;
        }
        boolean valid = array != null ? Utf8.isValid(array, offset, len) : Utf8.isValid(body, small);
        if (!valid) {
            throw new RecordException("body is not valid UTF-8");
        }
        if (array == null) {
            body.getBytes(from, small, 0, Math.min(len, 3)); // the first bytes, for the byte-order mark
        }
        int bom = array != null ? (hasBom(array, offset, len) ? 3 : 0) : (hasBom(small, 0, len) ? 3 : 0);
        Session s = begin(ctx);
        try (JsonParser parser = array != null ? parser().reuse(array, offset + bom, len - bom)
                : parser().reuse(new ByteBufInputStream(body.duplicate().skipBytes(bom), false), small)) {
            JsonToken token;
            boolean any = false;
            while ((token = parser.nextToken()) != null) {
                any = true;
                if (token == JsonToken.START_OBJECT) {
                    record(parser, s);
                } else if (token == JsonToken.START_ARRAY) {
                    int element = 0;
                    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                        if (token != JsonToken.START_OBJECT) {
                            throw new RecordException("array element " + element + " is not an object but "
                                    + describe(token) + "; the whole request is rejected");
                        }
                        record(parser, s);
                        element++;
                    }
                } else {
                    throw new RecordException("top-level " + describe(token) + ": expected an object or an array of objects");
                }
            }
            if (!any) {
                throw new RecordException("body holds no JSON value");
            }
            writer.flush();
            return s.done();
        } catch (RecordException e) {
            rollback(s);
            throw e;
        } catch (JsonProcessingException e) {
            rollback(s);
            throw new RecordException("invalid JSON: " + dev.plateau.events.Printable.of(e.getOriginalMessage()) + location(e), e);
        } catch (IOException | RuntimeException e) {
            rollback(s);
            throw new RecordException("cannot encode records: " + e, e);
        }
    }

    /** This encoder's reusable parser, replaced when it has collected too many field names. */
    private RawJsonParser parser() throws IOException {
        if (parser != null && parser.exhausted()) {
            parser.dispose();
            parser = null;
        }
        if (parser == null) {
            parser = RawJsonParser.FACTORY.reusable();
            parsersCreated++;
        }
        return parser;
    }

    /** Reusable parsers this encoder has created (a new one after too many distinct field names). */
    int parsersCreated() {
        return parsersCreated;
    }

    /** A UTF-8 byte-order mark at the start (Jackson's own bootstrapper skipped it too; the encoder does it now). */
    private static boolean hasBom(byte[] a, int off, int len) {
        return len >= 3 && a[off] == (byte) 0xef && a[off + 1] == (byte) 0xbb && a[off + 2] == (byte) 0xbf;
    }

    /** Encodes an {@code application/x-www-form-urlencoded} body as one record of string values. */
    public Batch encodeForm(ByteBuf body, RequestContext ctx) throws RecordException {
        Session s = begin(ctx);
        try {
            List<String> pairs = FormDecoder.decode(body);
            int header = writer.startEvent(s.time);
            String tag = null;
            for (int i = 0; i < pairs.size(); i += 2) {
                writer.string(pairs.get(i));
                writer.string(pairs.get(i + 1));
                if (pairs.get(i).equals(ctx.tagKey())) {
                    tag = pairs.get(i + 1);
                }
            }
            finishRecord(s, header, pairs.size() / 2, tag);
            writer.flush();
            return s.done();
        } catch (RecordException e) {
            rollback(s);
            throw e;
        } catch (IOException | RuntimeException e) {
            rollback(s);
            throw new RecordException("cannot encode records: " + e, e);
        }
    }

    /** The encoder's buffer; readable bytes are the encoded events of the current batch. Do not release. */
    public ByteBuf buffer() {
        return out.view();
    }

    /** A copy of one group's events in a new buffer from this encoder's allocator (refCnt 1, caller owns it). */
    public ByteBuf copy(TagGroup group) {
        ByteBuf copy = allocator.buffer(group.length());
        copy.writeBytes(out.view(), group.offset(), group.length());
        return copy;
    }

    /** Size to 0; the allocation is kept at its high-water mark (upstream {@code flb_log_event_encoder_reset}). */
    public void reset() {
        out.reset();
    }

    /** Frees the buffer; the next encode allocates {@link #INITIAL_CAPACITY} afresh (destroy + init). */
    public void destroy() {
        if (out.destroy()) {
            stats.destroyed();
        }
    }

    /** Bytes currently allocated (0 after destroy). Any thread may read it. */
    public int capacity() {
        return out.capacity();
    }

    /** Allocations made by this encoder (initial buffers and growths). */
    public long allocations() {
        return out.allocations();
    }

    /** Bytes allocated by this encoder, cumulative. */
    public long allocatedBytes() {
        return out.allocatedBytes();
    }

    /** Destroys the buffer and stops counting this encoder's retained bytes. */
    @Override
    public void close() {
        destroy();
        stats.unregister(retained);
        if (parser != null) {
            try {
                parser.dispose();
            } catch (IOException ignored) {
                // nothing to release beyond Jackson's own buffers
            }
            parser = null;
        }
    }

    private void record(JsonParser parser, Session s) throws IOException {
        String tagKey = s.ctx.tagKey();
        int header = writer.startEvent(s.time);
        int fields = 0;
        String tag = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            writer.cached(name);
            JsonToken value = parser.nextToken();
            if (tagKey != null && value == JsonToken.VALUE_STRING && name.equals(tagKey)) {
                tag = parser.getText();
                writer.string(tag);
            } else {
                writer.value(parser, value);
            }
            fields++;
        }
        finishRecord(s, header, fields, tag);
    }

    private void finishRecord(Session s, int header, int fields, String tag) throws IOException {
        if (s.ctx.remoteAddr() != null) {
            writer.cached(s.ctx.remoteAddrKey());
            writer.string(s.ctx.remoteAddr());
            fields++;
        }
        int start = header - EVENT_PREFIX;
        writer.endEvent(header, fields);
        s.add(tag == null || tag.isEmpty() ? s.ctx.tag() : printableTag(tag), start, writer.position());
    }

    /**
     * A {@code tag_key} value as a tag: control characters (CR, LF, NUL, … DEL) become {@code _}, so a record
     * cannot split a line of the file output or of the event log; anything else is kept, as Fluent Bit does.
     */
    static String printableTag(String tag) {
        for (int i = 0; i < tag.length(); i++) {
            if (Character.isISOControl(tag.charAt(i))) {
                StringBuilder b = new StringBuilder(tag);
                for (int j = i; j < b.length(); j++) {
                    if (Character.isISOControl(b.charAt(j))) {
                        b.setCharAt(j, '_');
                    }
                }
                return b.toString();
            }
        }
        return tag;
    }

    private Session begin(RequestContext ctx) {
        writer.begin();
        return session.reset(ctx, ctx.time(), out.buf().writerIndex());
    }

    private void rollback(Session s) {
        writer.begin();
        out.buf().writerIndex(s.startIndex);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "array";
            case START_OBJECT -> "object";
            default -> token.toString();
        };
    }

    private static String location(JsonProcessingException e) {
        var loc = e.getLocation();
        return loc == null ? "" : " at byte " + loc.getByteOffset();
    }

    /** One encode call: its context, shared time, start index and the groups built so far (reused). */
    private static final class Session {
        RequestContext ctx;
        EventTime time;
        int startIndex;
        final List<TagGroup> groups = new ArrayList<>(1);
        final List<TagGroup> groupsView = java.util.Collections.unmodifiableList(groups);
        int records;
        String tag;
        int groupStart;
        int groupEnd;
        int groupRecords;

        Session reset(RequestContext ctx, EventTime time, int startIndex) {
            this.ctx = ctx;
            this.time = time;
            this.startIndex = startIndex;
            groups.clear();
            records = 0;
            tag = null;
            groupStart = 0;
            groupEnd = 0;
            groupRecords = 0;
            return this;
        }

        void add(String recordTag, int start, int end) {
            if (groupRecords > 0 && !recordTag.equals(tag)) {
                groups.add(new TagGroup(tag, groupStart, groupEnd - groupStart, groupRecords));
                groupRecords = 0;
            }
            if (groupRecords == 0) {
                tag = recordTag;
                groupStart = start;
            }
            groupEnd = end;
            groupRecords++;
            records++;
        }

        Batch done() {
            if (groupRecords > 0) {
                groups.add(new TagGroup(tag, groupStart, groupEnd - groupStart, groupRecords));
            }
            Batch batch = new Batch(records, groupsView);
            ctx = null;
            return batch;
        }
    }
}
