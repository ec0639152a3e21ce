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

    /** A shell command the message ends with, or empty. */
    private final String command;

    public UsageException(String message) {
        this(message, "");
    }

    /**
     * A message that ends with a shell command to paste, made of {@code ShellWord}'s words, which hold no control
     * character: the CLI makes the message one line, which writes each backslash twice, and prints the command after it
     * as it is, so that it pastes back.
     */
    public UsageException(String message, String command) {
        super(message + command);
        this.command = command;
    }

    /** The message without the command it ends with: all of it where there is none. */
    public String withoutCommand() {
        return getMessage().substring(0, getMessage().length() - command.length());
    }

    /** The shell command the message ends with, or an empty string. */
    public String command() {
        return command;
    }

    /**
     * Rejects a number outside {@code min..max}: "--repeat must be from 1 to 1000, got 0".
     *
     * @param option how the user gave it ({@code --repeat})
     * @throws UsageException if {@code value} is below {@code min} or above {@code max}
     */
    public static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw outOfRange(option, Long.toString(value), min, max);
        }
    }

    /** "--repeat must be from 1 to 1000, got 0", of a value as given: digits beyond a long too. */
    public static UsageException outOfRange(String option, String value, long min, long max) {
        return new UsageException(option + " must be from " + min + " to " + max + ", got " + value);
    }
}
