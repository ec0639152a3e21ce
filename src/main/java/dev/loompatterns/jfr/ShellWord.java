package dev.loompatterns.jfr;

import java.util.regex.Pattern;

/**
 * A word of a command line printed for a person to copy into a POSIX shell ({@code jfr scrub FILE
 * COPY}, {@code jfr print ... FILE} after a recorded run): a file name with a space, a quote or a
 * {@code $} would otherwise come apart or expand. Compiled for Java 21 with the analysis, which uses it.
 */
public final class ShellWord {

    /** What a shell reads as one word, as it is. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:,+=@%-]+");

    private ShellWord() {}

    /**
     * The word as it is if the shell reads it so, else in single quotes, a single quote in it as {@code '"'"'}: with no
     * backslash, so a command survives a one-line message (the CLI's, which writes a backslash twice) as it was.
     */
    public static String of(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
