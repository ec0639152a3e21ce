package dev.loompatterns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

    /**
     * A step with nothing to count shows the seconds since it began, from a thread of the progress's own that
     * closing ends: a scale row's line did not change for 50 s.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // a backstop: the ticker shows its line every millisecond here
    void aTickingLineShowsTheSecondsSinceItBeganUntilClosed() {
        StringWriter text = new StringWriter();
        AtomicLong clock = new AtomicLong(5_000_000_000L);
        Progress progress = Progress.onTerminal(new PrintWriter(text), 0);
        try (Progress.Ticking ticking = progress.ticking(2, 3, "pool, 10000 tasks", clock::get, Duration.ofMillis(1))) {
            assertThat(text.toString()).isEqualTo("\r[2/3] pool, 10000 tasks");
            clock.addAndGet(3_400_000_000L);
            while (!text.toString().contains("[2/3] pool, 10000 tasks, 3 s")) {
                LockSupport.parkNanos(1_000_000);
            }
        }
        assertThat(tickerAlive()).as("the ticker ended when closed").isFalse();
        progress.clear();
        String after = text.toString();
        assertThat(after).endsWith("\r" + " ".repeat("[2/3] pool, 10000 tasks, 3 s".length()) + "\r");
    }

    @Test
    void notShownNoTickerStarts() {
        StringWriter text = new StringWriter();
        try (Progress.Ticking ticking = Progress.none(new PrintWriter(text)).ticking(1, 1, "pool")) {
            assertThat(tickerAlive()).isFalse();
        }
        assertThat(text.toString()).isEmpty();
    }

    private static boolean tickerAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(Progress.TICKER) && thread.isAlive());
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
