package dev.plateau.collector.encode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
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
 * <p>The bytes are always read as UTF-8 (Fluent Bit reads bodies as UTF-8; the encoder validates them strictly
 * first): the factory skips Jackson's charset detection, so a UTF-16 or UTF-32 body is invalid JSON here, and the
 * encoder drops a UTF-8 byte-order mark itself.
 *
 * <pre>{@code
 * try (RawJsonParser p = RawJsonParser.FACTORY.parser(bytes, 0, bytes.length)) {
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

    private RawJsonParser(IOContext ctxt, int features, InputStream in, ObjectCodec codec, ByteQuadsCanonicalizer names,
            byte[] buffer, int start, int end, boolean recyclable) {
        super(ctxt, features, in, codec, names, buffer, start, end, recyclable);
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
                    .disable(JsonFactory.Feature.CHARSET_DETECTION));
        }

        RawJsonParser parser(byte[] data, int offset, int len) throws IOException {
            return (RawJsonParser) createParser(data, offset, len);
        }

        RawJsonParser parser(InputStream in) throws IOException {
            return (RawJsonParser) createParser(in);
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
