package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.testing.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A word of a printed command reads back, in a shell, as the word it was, and never carries a control character to
 * the terminal: a file named with an escape sequence was printed raw inside its quotes, and recoloured the terminal.
 */
class ShellWordTest {

    /** What bash makes of the word: the bytes {@code printf %s WORD} writes, as UTF-8. */
    private static String readBack(String word) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-c", "printf %s " + word)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out;
        try {
            bash.getOutputStream().close();
            out = bash.getInputStream().readAllBytes();
            assertThat(bash.waitFor(30, TimeUnit.SECONDS)).as("bash exited").isTrue(); // a backstop only
        } finally {
            Commands.stop(bash);
        }
        assertThat(bash.exitValue()).as(word).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void aPlainWordStaysAsItIsAndOthersAreQuoted() throws Exception {
        assertThat(ShellWord.of("/tmp/r.jfr")).isEqualTo("/tmp/r.jfr");
        assertThat(ShellWord.of("my run.jfr")).isEqualTo("'my run.jfr'");
        assertThat(ShellWord.of("it's $HOME.jfr")).isEqualTo("'it'\"'\"'s $HOME.jfr'");
        for (String word : List.of("my run.jfr", "it's $HOME.jfr", "a\\b \"c\".jfr", "ünï.jfr")) {
            assertThat(readBack(ShellWord.of(word))).as(word).isEqualTo(word);
        }
    }

    /**
     * A control character, C0, C1 or a bidirectional override, is written as the octal bytes of its UTF-8 in
     * {@code $'...'}: nothing the terminal acts on is printed, and bash reads the word back whole, a quote and a
     * backslash with it, and a digit after an escape not taken into it.
     */
    @Test
    void aWordWithAControlCharacterIsDollarQuotedAndReadsBackWhole() throws Exception {
        assertThat(ShellWord.of("r\u001b[31m.jfr")).isEqualTo("$'r\\033[31m.jfr'");
        for (String word :
                List.of("r\u001b[31m.jfr", "a\nb", "tab\there", "c1\u009bx", "bidi\u202eevil.jfr", "q'\\\u001b7.jfr")) {
            String quoted = ShellWord.of(word);
            assertThat(quoted.chars().noneMatch(c -> VisibleText.isControl((char) c)))
                    .as(quoted)
                    .isTrue();
            assertThat(readBack(quoted)).as(quoted).isEqualTo(word);
        }
    }
}
