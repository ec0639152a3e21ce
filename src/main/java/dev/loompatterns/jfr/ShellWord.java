package dev.loompatterns.jfr;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
     * backslash, so a command survives a one-line message (the CLI's, which writes a backslash twice) as it was. A
     * word with a control character ({@link VisibleText#isControl}: a file named with an escape sequence) is written
     * {@code $'...'}, the character as the bytes of its UTF-8 in three octal digits, {@code \033} (never more, as a
     * hex escape may take): raw, even in quotes, it reached the terminal, which acted on it. POSIX.1-2024 has
     * {@code $'...'}, and bash, zsh and ksh93 have long had it (bash tried here). Its backslashes would be written twice
     * by a one-line message, so a message prints such a command after the part it makes one line, not inside it.
     */
    public static String of(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        if (word.chars().noneMatch(c -> VisibleText.isControl((char) c))) {
            return "'" + word.replace("'", "'\"'\"'") + "'";
        }
        StringBuilder quoted = new StringBuilder("$'");
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (VisibleText.isControl(c)) {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    quoted.append(String.format(Locale.ROOT, "\\%03o", b & 0xff));
                }
            } else if (c == '\'' || c == '\\') {
                quoted.append('\\').append(c);
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('\'').toString();
    }
}
