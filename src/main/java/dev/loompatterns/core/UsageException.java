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

    /**
     * Rejects a number outside {@code min..max}: "--repeat must be from 1 to 1000, got 0".
     *
     * @param option how the user gave it ({@code --repeat})
     * @throws UsageException if {@code value} is below {@code min} or above {@code max}
     */
    public static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new UsageException(option + " must be from " + min + " to " + max + ", got " + value);
        }
    }
}
