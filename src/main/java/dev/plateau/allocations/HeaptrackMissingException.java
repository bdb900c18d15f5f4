package dev.plateau.allocations;

import java.io.IOException;

/** heaptrack (or heaptrack_print) is not installed; the message says how to install it, in one line. */
public final class HeaptrackMissingException extends IOException {
    public HeaptrackMissingException(String message) {
        super(message);
    }
}
