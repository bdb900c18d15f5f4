package dev.plateau.collector.encode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.JsonReadContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.io.InputStream;

/**
 * Jackson's UTF-8 byte parser with one addition, through its protected subclassing API: a string value that holds
 * no escape can be taken as raw bytes straight from the parser's input buffer ({@link #rawEnd()}, {@link
 * #input()}, {@link #consumeRaw(int)}) — found and copied in one pass instead of Jackson skipping it byte by byte
 * and the encoder scanning it again. Strings it does not copy are skipped 8 bytes per step as well
 * ({@link #_skipString()}); anything with an escape, a control character or an end outside the loaded input goes
 * through Jackson's own code, which decodes it or reports the error. Tokenizing, numbers, names (canonicalized),
 * nesting limits and error messages stay Jackson's.
 *
 * <p>Reuse ({@link Factory#reusable()}): one parser per encoder reads every body ({@link #reuse}), so
 * a small request does not build a parser, its contexts and buffers (about 750 bytes of heap) each time. Between
 * bodies it releases its buffers exactly as closing would (text buffer, name copy buffer, new field names merged
 * into the factory's table) but stays usable: end of input and {@link #close()} only finish the body. The field
 * name table of a reused parser only grows with names never seen before; past {@value #MAX_NAMES} new names
 * {@link #exhausted()} says to replace it, so a client inventing names cannot grow it without bound. Buffers come
 * from Jackson's thread-local recycler pool (pinned in the factory): a parser stays on its event loop's thread.
 *
 * <p>The bytes are always read as UTF-8 (Fluent Bit reads bodies as UTF-8; the encoder validates them strictly
 * first): the factory skips Jackson's charset detection, so a UTF-16 or UTF-32 body is invalid JSON here, and the
 * encoder drops a UTF-8 byte-order mark itself.
 *
 * <pre>{@code
 * RawJsonParser parser = RawJsonParser.FACTORY.reusable();          // once per event loop
 * try (RawJsonParser p = parser.reuse(bytes, 0, bytes.length)) {       // every body
 *     if (p.nextToken() == JsonToken.VALUE_STRING && (end = p.rawEnd()) >= 0) {
 *         copy(p.input(), p.inputPtr(), end);   // the string's bytes, without quotes
 *         p.consumeRaw(end);
 *     }
 * }
 * }</pre>
 */
final class RawJsonParser extends UTF8StreamJsonParser {
    /** Creates these parsers; field names canonicalized, doubles through Jackson's FastDoubleParser. */
    static final Factory FACTORY = new Factory();
    /** Distinct field names a reused parser may collect before it is replaced. */
    static final int MAX_NAMES = 4000;
    private static final byte[] NO_INPUT = new byte[0];

    /** The root context; a reused parser goes back to it for every body (children are reused by Jackson). */
    private final JsonReadContext root;
    private final int namesAtStart;
    private boolean reusable;

    private RawJsonParser(IOContext ctxt, int features, InputStream in, ObjectCodec codec, ByteQuadsCanonicalizer names,
            byte[] buffer, int start, int end, boolean recyclable) {
        super(ctxt, features, in, codec, names, buffer, start, end, recyclable);
        root = _parsingContext;
        namesAtStart = names.size();
    }

    /**
     * Points a reusable parser at {@code data[offset, offset + len)}, in the state of a parser just created for
     * it (byte offsets in errors count from {@code offset}).
     */
    RawJsonParser reuse(byte[] data, int offset, int len) {
        return reuse(null, data, offset, len);
    }

    /**
     * Points a reusable parser at a stream, read through {@code buffer} (the caller's, reused; not recycled by
     * Jackson) — larger than Jackson's 8000-byte read buffer, so fewer strings straddle two reads.
     */
    RawJsonParser reuse(InputStream in, byte[] buffer) {
        return reuse(in, buffer, 0, 0);
    }

    private RawJsonParser reuse(InputStream in, byte[] data, int offset, int len) {
        if (!reusable) {
            throw new IllegalStateException("not a reusable parser");
        }
        _inputStream = in;
        _inputBuffer = data;
        _inputPtr = offset;
        _inputEnd = offset + len;
        _currInputProcessed = -offset;
        _currInputRow = 1;
        _currInputRowStart = offset;
        _tokenInputTotal = 0;
        _tokenInputRow = 1;
        _tokenInputCol = 0;
        _parsingContext = root;
        _currToken = null;
        _lastClearedToken = null;
        _nextToken = null;
        _tokenCount = 0;
        _tokenIncomplete = false;
        _nameCopied = false;
        _binaryValue = null;
        _numTypesValid = NR_UNKNOWN;
        _closed = false;
        return this;
    }

    /**
     * True when a reused parser has added so many field names to what it started with (the factory's table, itself
     * bounded by Jackson) that it should be replaced.
     */
    boolean exhausted() {
        return _symbols.size() - namesAtStart > MAX_NAMES;
    }

    /**
     * Ends the current body. A reusable parser releases its buffers and forgets the body but stays usable; any
     * other parser closes as Jackson's does.
     */
    @Override
    public void close() throws IOException {
        if (!reusable) {
            super.close();
        } else if (!_closed) {
            _closed = true;
            _inputPtr = _inputEnd;
            _releaseBuffers();
            _inputBuffer = NO_INPUT;
            _inputStream = null;
        }
    }

    /** Closes a reusable parser for good (its I/O context and recycler released). */
    void dispose() throws IOException {
        if (reusable) {
            reusable = false;
            _closed = false;
            super.close();
        }
    }

    /**
     * For a string token not yet read: the index in {@link #input()} of its closing quote when the string holds
     * no escape or control character and ends in the loaded input; -1 otherwise (read it with Jackson's getters).
     */
    int rawEnd() {
        return _tokenIncomplete ? RawStrings.end(_inputBuffer, _inputPtr, _inputEnd) : -1;
    }

    /** The parser's input buffer; the current string's first byte is at {@link #inputPtr()}. */
    byte[] input() {
        return _inputBuffer;
    }

    int inputPtr() {
        return _inputPtr;
    }

    /** Marks the current string as read up to its closing quote at {@code end} (from {@link #rawEnd()}). */
    void consumeRaw(int end) {
        _inputPtr = end + 1;
        _tokenIncomplete = false;
    }

    @Override
    protected void _skipString() throws IOException {
        int end = RawStrings.end(_inputBuffer, _inputPtr, _inputEnd);
        if (end >= 0) {
            consumeRaw(end);
        } else {
            super._skipString();
        }
    }

    /** Jackson's factory, handing out {@link RawJsonParser}s for byte input. */
    static final class Factory extends JsonFactory {
        private static final long serialVersionUID = 1L;

        private Factory() {
            super(new JsonFactoryBuilder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .disable(JsonFactory.Feature.CHARSET_DETECTION)
                    .recyclerPool(JsonRecyclerPools.threadLocalPool()));
        }

        /** A parser to {@link RawJsonParser#reuse} for body after body on this thread. */
        RawJsonParser reusable() throws IOException {
            RawJsonParser p = (RawJsonParser) createParser(NO_INPUT, 0, 0);
            p.reusable = true;
            p._closed = true;
            return p;
        }

        /** Error messages say "at byte N" themselves; no per-request reference to the content is needed. */
        @Override
        protected ContentReference _createContentReference(Object content) {
            return ContentReference.unknown();
        }

        @Override
        protected ContentReference _createContentReference(Object content, int offset, int length) {
            return ContentReference.unknown();
        }

        @Override
        protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) {
            return new RawJsonParser(ctxt, _parserFeatures, null, _objectCodec,
                    _byteSymbolCanonicalizer.makeChild(_factoryFeatures), data, offset, offset + len, false);
        }

        @Override
        protected JsonParser _createParser(InputStream in, IOContext ctxt) {
            return new RawJsonParser(ctxt, _parserFeatures, in, _objectCodec,
                    _byteSymbolCanonicalizer.makeChild(_factoryFeatures), ctxt.allocReadIOBuffer(), 0, 0, true);
        }
    }
}
