package dev.plateau.collector;

/** The collector could not start (port in use, bad address, output cannot be opened). The message is for the user. */
public final class CollectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CollectorException(String message, Throwable cause) {
        super(message, cause);
    }

    public CollectorException(String message) {
        super(message);
    }
}
