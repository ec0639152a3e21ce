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

    /**
     * No progress line comes after a stop was requested: a ticker's "[2/9] url-fetch platform faults, 1 s" came after
     * Ctrl-C's stopping line and read as a run started after it. In a JVM of its own: a request is for good.
     */
    @Test
    void noLineIsShownOnceAStopIsRequested() throws Exception {
        assertThat(dev.loompatterns.testing.OwnJvm.linesOf(StoppedWhileTicking.class))
                .containsExactly("after the stop: STOPPED");
    }

    /** The child's program: a ticker showing its line every millisecond, then a stop, as the shutdown hook makes it. */
    static final class StoppedWhileTicking {
        public static void main(String[] args) {
            StringWriter text = new StringWriter();
            AtomicLong looks = new AtomicLong(); // the ticker reads its clock once a round, before it shows the line
            Progress progress = Progress.onTerminal(new PrintWriter(text), 0);
            try (Progress.Ticking ticking = progress.ticking(
                    2,
                    9,
                    "url-fetch platform faults",
                    () -> {
                        looks.incrementAndGet();
                        return 0L;
                    },
                    Duration.ofMillis(1))) {
                while (!text.toString().contains(", 0 s")) { // the ticker is showing its line
                    LockSupport.parkNanos(1_000_000);
                }
                Cancellation.request(); // as the signal's hook does before its stopping line
                Progress.awaitLineShown();
                text.write("\nSTOPPED\n");
                long seen = looks.get();
                while (looks.get() < seen + 5) { // four rounds of the ticker, each shown or not, since the stop
                    LockSupport.parkNanos(1_000_000);
                }
            }
            progress.show(3, 9, "lock-counter platform"); // the next run's line, had one started
            System.out.println("after the stop: "
                    + text.toString()
                            .substring(text.toString().indexOf("STOPPED"))
                            .strip());
        }
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
