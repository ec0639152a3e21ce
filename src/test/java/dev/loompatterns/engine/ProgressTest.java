package dev.loompatterns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A progress line fits the terminal: one wider than it wraps, and the carriage return that should
 * replace it then rewrites only its last part, so the rest stays above the output (a new user's
 * {@code loom dump race} at 80 columns kept two such lines on screen).
 */
class ProgressTest {

    private static final String LABEL =
            "running race (structured, 20 tasks) until a task is held, then dumping its threads";

    @Test
    void aLineIsCutToOneColumnLessThanTheTerminal() {
        StringWriter text = new StringWriter();
        Progress progress = Progress.onTerminal(new PrintWriter(text), 80);
        progress.show(1, 2, LABEL);
        progress.show(2, 2, "reading the dump, 18.9 KB");
        progress.clear();

        String[] shown = text.toString().split("\r");
        assertThat(Arrays.stream(shown).mapToInt(String::length).max().orElseThrow())
                .isLessThanOrEqualTo(79);
        assertThat(shown)
                .anySatisfy(line ->
                        assertThat(line).startsWith("[1/2] running race").endsWith("\u2026"));
        assertThat(shown).anySatisfy(line -> assertThat(line).startsWith("[2/2] reading the dump, 18.9 KB"));
    }

    @Test
    void withNoWidthKnownTheLineIsWhole() {
        StringWriter text = new StringWriter();
        Progress.onTerminal(new PrintWriter(text), 0).show(1, 2, LABEL);
        assertThat(text.toString()).isEqualTo("\r[1/2] " + LABEL);
    }

    @Test
    void theLaunchersWidthIsReadAsANumberOfUsableColumns() {
        assertThat(Progress.columns("80")).isEqualTo(80);
        assertThat(Progress.columns(" 132\n")).isEqualTo(132);
        assertThat(Progress.columns(null)).isZero();
        assertThat(Progress.columns("wide")).isZero();
        assertThat(Progress.columns("0")).isZero();
        assertThat(Progress.columns("12")).as("too narrow to use").isZero();
    }
}
