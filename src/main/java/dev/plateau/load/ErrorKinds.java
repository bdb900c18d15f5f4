package dev.plateau.load;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/** Names the reason a request failed, as counted in {@link BurstReport#errors()}. */
final class ErrorKinds {
    static final String CONNECT_REFUSED = "connect refused";
    static final String CONNECT_TIMEOUT = "connect timeout";
    static final String UNKNOWN_HOST = "unknown host";
    static final String RESET = "connection reset";
    static final String CLOSED = "connection closed";
    static final String TIMEOUT = "timeout";
    static final String CANCELLED = "cancelled";

    private ErrorKinds() {
    }

    /** The kind for a connect failure. */
    static String ofConnect(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return CONNECT_TIMEOUT;
        }
        if (cause instanceof UnknownHostException) {
            return UNKNOWN_HOST;
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            String message = lower(cause);
            return message.contains("refused") || message.isEmpty() ? CONNECT_REFUSED : "connect failed: " + message;
        }
        return "connect failed: " + simpleName(cause);
    }

    /** The kind for a failure on an established connection. */
    static String of(Throwable cause) {
        if (cause instanceof ClosedChannelException) {
            return CLOSED;
        }
        String message = lower(cause);
        if (cause instanceof IOException && (message.contains("reset") || message.contains("broken pipe"))) {
            return RESET;
        }
        return simpleName(cause) + (message.isEmpty() ? "" : ": " + message);
    }

    private static String lower(Throwable cause) {
        return cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
    }

    private static String simpleName(Throwable cause) {
        return cause.getClass().getSimpleName();
    }
}
