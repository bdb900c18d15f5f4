package dev.plateau.collector.encode;

/**
 * A body that cannot be turned into records (truncated or invalid JSON, a scalar, invalid UTF-8, too deep).
 * The request is answered {@code 400 error: unable to process records} and nothing of it is kept; the
 * message says what was wrong, for the log.
 */
public final class RecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public RecordException(String message) {
        super(message);
    }

    public RecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
