package dev.loompatterns.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.scale.SleeperRun.Kind;
import dev.loompatterns.scale.SleeperRun.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SleeperRunTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(60)
    void everyTaskWakesOnEachKind(Kind kind) throws InterruptedException {
        SleeperRun.Result result = SleeperRun.run(kind, 50, 3, Duration.ofMillis(2), Wait.SLEEP);
        assertThat(result.woke()).isEqualTo(50);
        // 50 tasks on 3 threads: 17 turns, and 16 sleeps of 2 ms between the first wake and the last
        if (kind == Kind.POOL) {
            assertThat(result.wakeWindowNanos())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(16 * 2).toNanos());
        }
        assertThat(SleeperRun.Result.decode(result.encode())).isEqualTo(result);
    }

    /**
     * A row's JVM that failed is named by its exception's line, not by the stack frames after it; one that
     * ran out of heap by {@link SleeperRun.OutOfHeapException}, which the CLI turns into its out-of-memory line.
     */
    @Test
    void aRowsJvmThatFailsOtherwiseIsNamedByItsExceptionsLine() {
        List<String> output = new ArrayList<>(
                List.of("Exception in thread \"main\" java.lang.IllegalArgumentException: no such kind"));
        for (int i = 0; i < 8; i++) {
            output.add("\tat dev.loompatterns.scale.SleeperRun.main(SleeperRun.java:" + i + ")");
        }
        assertThat(SleeperRun.failure("fixed pool of platform threads (4)", 1, output))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the fixed pool of platform threads (4) row's JVM exited with 1: Exception in thread"
                        + " \"main\" java.lang.IllegalArgumentException: no such kind");
        output.addFirst("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space");
        assertThat(SleeperRun.failure("virtual thread per task", 1, output))
                .isInstanceOf(SleeperRun.OutOfHeapException.class)
                .extracting(e -> ((SleeperRun.OutOfHeapException) e).row())
                .isEqualTo("virtual thread per task");
        // what a 12 MB row printed in a CI run: the error struck again in the handler, with no reason given
        String inTheHandler =
                "Exception: java.lang.OutOfMemoryError thrown from the UncaughtExceptionHandler in thread \"main\"";
        assertThat(SleeperRun.failure("virtual thread per task", 1, List.of(inTheHandler)))
                .isInstanceOf(SleeperRun.OutOfHeapException.class);
        // but not where the JVM said native threads ran out: more heap would not help
        assertThat(SleeperRun.failure(
                        "virtual thread per task",
                        1,
                        List.of(
                                "Exception in thread \"main\" java.lang.OutOfMemoryError: unable to create native"
                                        + " thread",
                                inTheHandler)))
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * A row's JVM whose heap is too small for the row ends at its first {@code OutOfMemoryError}, in the JVM's words: a
     * heap a little too small let it crawl, its sleepers parked on their carriers, for minutes
     * ({@link SleeperRun#EXIT_ON_OUT_OF_MEMORY}).
     */
    @Test
    @Timeout(120) // backstop only
    void aRowsJvmEndsAtItsFirstOutOfMemoryError() {
        List<String> options = new ArrayList<>(SleeperRun.childJvmOptions()); // as loom scale gives them
        options.add("-Xmx16m");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SleeperRun.inChildJvm(Kind.VIRTUAL, 300_000, 0, 100, Wait.SLEEP, 0, options))
                .isInstanceOf(SleeperRun.OutOfHeapException.class)
                .hasMessage("the virtual thread per task row's JVM ran out of heap: Terminating due to"
                        + " java.lang.OutOfMemoryError: Java heap space");
    }

    /**
     * A row's JVM whose GC log goes to stdout ({@code LOOM_JAVA_OPTS=-Xlog:gc*}, as the help suggests GC options)
     * prints the heap's summary after its result line: the row is read, not refused as a JVM that exited with 0.
     */
    @Test
    @Timeout(120) // backstop only
    void aRowsJvmThatLogsItsGcToStdoutStillGivesItsResult() throws InterruptedException {
        List<String> options = new ArrayList<>(SleeperRun.childJvmOptions());
        options.add("-Xlog:gc*");

        SleeperRun.Result result = SleeperRun.inChildJvm(Kind.VIRTUAL, 10, 0, 0, Wait.SLEEP, 0, options);

        assertThat(result.woke()).isEqualTo(10);
    }

    /**
     * A row that allocates less than a heap region still says the heap it had in use: the pools' peaks, which G1
     * updates at a collection or a region's retirement, read 0 for a small row ("heap 0" for a JVM with 4.7 MB in
     * use, a helper's hunt), which a figure called an upper bound must never be.
     */
    @Test
    @Timeout(120) // backstop only
    void aSmallRowsHeapIsNeverZero() throws InterruptedException {
        SleeperRun.Result result =
                SleeperRun.inChildJvm(Kind.VIRTUAL, 1, 0, 0, Wait.SLEEP, 0, SleeperRun.childJvmOptions());

        assertThat(result.woke()).isEqualTo(1);
        assertThat(result.peakHeapBytes())
                .as("the heap in use at the row's end at least")
                .isPositive();
    }

    /**
     * A row's JVM that a SIGINT ended before it printed (the terminal's Ctrl-C reaches the whole process group, and the
     * row's JVM may end before loom's own hook interrupts the wait) is a stop, as Ctrl-C is: it was "killed by signal
     * 2 ... a kill from outside" (a review, by reading).
     */
    @Test
    @Timeout(120) // backstop only: the row sleeps 60 s unless the signal ends it
    void aRowsJvmEndedBySigintIsAStopNotAKill() throws Exception {
        // a build started in the background of a script ignores SIGINT, and so does every JVM under it: the row's
        // would sleep on (a fresh clone's .ci/run so started); the classification alone is tested below
        org.junit.jupiter.api.Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored in this process");
        try (var row = dev.loompatterns.testing.Background.start(
                () -> SleeperRun.inChildJvm(Kind.VIRTUAL, 1, 0, 60_000, Wait.SLEEP, 0, SleeperRun.childJvmOptions()))) {
            java.util.concurrent.atomic.AtomicReference<ProcessHandle> rowJvm =
                    new java.util.concurrent.atomic.AtomicReference<>();
            dev.loompatterns.testing.Background.awaitUntil(() -> {
                ProcessHandle.current()
                        .descendants()
                        .filter(p -> p.info()
                                .arguments()
                                .map(a -> List.of(a).contains(SleeperRun.class.getName()))
                                .orElse(false))
                        .findFirst()
                        .ifPresent(rowJvm::set);
                return rowJvm.get() != null;
            });
            Process kill = new ProcessBuilder(
                            "kill", "-INT", Long.toString(rowJvm.get().pid()))
                    .start();
            assertThat(kill.waitFor()).isZero();

            org.assertj.core.api.Assertions.assertThatThrownBy(row::join)
                    .isInstanceOf(InterruptedException.class)
                    .hasMessage("the virtual thread per task row's JVM was stopped by SIGINT");
        }
    }

    /** Whether this process ignores SIGINT (its bit in /proc/self/status' SigIgn mask), as its children then do. */
    private static boolean sigintIgnored() throws java.io.IOException {
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .anyMatch(line ->
                        (Long.parseLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << (2 - 1))) != 0);
    }

    @Test
    void onlyASilentEndBySigintIsAStop() {
        assertThat(SleeperRun.stoppedByCtrlC(130, List.of(), "")).isTrue();
        assertThat(SleeperRun.stoppedByCtrlC(137, List.of(), "")).as("SIGKILL").isFalse();
        assertThat(SleeperRun.stoppedByCtrlC(130, List.of(), "Exception in thread \"main\" ..."))
                .as("it said why")
                .isFalse();
    }

    /**
     * A row's JVM killed from outside before it printed (the kernel's out-of-memory killer, say) is said as that:
     * it was "exited with 137: " and nothing, an unexpected error (a review's kill -9).
     */
    @Test
    void aRowsJvmKilledBeforeItPrintedIsSaidAsKilled() {
        assertThat(SleeperRun.failure("virtual thread per task", 137, List.of()))
                .isInstanceOf(SleeperRun.RowKilled.class)
                .hasMessageStartingWith("the virtual thread per task row's JVM was killed by signal 9 (SIGKILL) before"
                        + " it printed anything");
        assertThat(SleeperRun.failure("virtual thread per task", 1, List.of()))
                .as("an exit of its own is not a kill")
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * A park cut short by an interrupt says so, as a sleep does: parkNanos returns at once while the
     * flag is set, so the wait spun to its deadline and said it had slept.
     */
    @org.junit.jupiter.api.Test
    void anInterruptedParkIsNotASleepThatEnded() {
        Thread.currentThread().interrupt();
        try {
            org.assertj.core.api.Assertions.assertThat(
                            SleeperRun.waitFor(java.util.concurrent.TimeUnit.SECONDS.toNanos(1), SleeperRun.Wait.PARK))
                    .isFalse();
            org.assertj.core.api.Assertions.assertThat(Thread.currentThread().isInterrupted())
                    .as("the flag stays set")
                    .isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
