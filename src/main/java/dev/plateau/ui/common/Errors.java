package dev.plateau.ui.common;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns any failure into one line for the UI — never a stack trace. Wrappers (CompletionException,
 * ExecutionException) are unwrapped; messages written for users (CollectorException, validation errors) pass
 * through unchanged; the rest get a short prefix naming what went wrong.
 */
public final class Errors {
    private Errors() {
    }

    public static String message(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e == null) {
            return "failed";
        }
        String msg = e.getMessage();
        if (e instanceof ConnectException) {
            return "connection refused" + (msg == null ? "" : ": " + shorten(msg));
        }
        if (e instanceof ClosedChannelException) {
            return "the connection was closed";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file: " + msg;
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + msg;
        }
        if (e instanceof InterruptedException) {
            return "cancelled";
        }
        if (msg == null || msg.isBlank()) {
            return e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "").toLowerCase() + " (no details)";
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e.getClass().getName().startsWith("dev.plateau")) {
            return shorten(msg);
        }
        return shorten(msg);
    }

    private static String shorten(String msg) {
        String oneLine = msg.lines().findFirst().orElse(msg);
        return oneLine.length() > 200 ? oneLine.substring(0, 197) + "..." : oneLine;
    }
}
