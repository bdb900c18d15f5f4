package dev.plateau.testing;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz tests' rule for errors shown to a user: one non-blank line (no stack trace, no embedded newline, no
 * control characters that would garble a terminal), naming where the problem is.
 *
 * <pre>{@code
 * UserMessages.assertOneLine(e.getMessage(), file.toString());
 * }</pre>
 */
public final class UserMessages {
    private UserMessages() {
    }

    /** {@code message} is one printable line that starts with {@code where}. */
    public static void assertOneLine(String message, String where) {
        assertThat(message).as("error message").isNotBlank().startsWith(where);
        assertThat(message.chars().noneMatch(c -> c < 0x20 || c == 0x7f))
                .as("one printable line: %s", message).isTrue();
    }
}
