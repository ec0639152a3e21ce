package dev.loompatterns.core;

import java.io.Serial;

/**
 * Bad input from the user: an unknown id, a number out of range, an unwritable path. The CLI
 * prints the message as one line and exits with status 2, so the message says what was wrong and
 * what would be right.
 */
public final class UsageException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
