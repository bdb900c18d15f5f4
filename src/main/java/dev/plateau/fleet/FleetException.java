package dev.plateau.fleet;

/**
 * A fleet judgement that cannot go on, with a message fit for one line on a terminal or in a dialog: what went
 * wrong, with what (URL, expression, labels), and what to try. Never carries a credential.
 */
public final class FleetException extends Exception {
    public FleetException(String message) {
        super(message);
    }

    public FleetException(String message, Throwable cause) {
        super(message, cause);
    }
}
