package dev.loompatterns.exceptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.testing.InterruptAfterStarts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 2, unit = TimeUnit.MINUTES) // backstop: a sibling that is never cancelled waits 30 s
class ExceptionsTest {

    private static Outcome way(List<Outcome> ways, String name) {
        return ways.stream().filter(w -> w.way().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyWayReportsItsFailuresWithTheirCausesAndLeavesNoThreadRunning(Mode mode) throws Exception {
        List<Outcome> ways = ExceptionsPattern.FORMS.of(mode).runAll(10, 3);

        assertThat(ways).hasSize(2).allSatisfy(way -> {
            assertThat(way.reported())
                    .allSatisfy((task, cause) -> assertThat(cause)
                            .isInstanceOf(TaskFailure.class)
                            .hasMessage("task " + task + " fails on purpose"));
            assertThat(way.leftRunning()).isZero();
        });
        assertThat(ExceptionsPattern.check(ways).verdict())
                .as(ExceptionsPattern.check(ways).detail())
                .isEqualTo(Check.Verdict.PASSED);
    }

    /** Neither a handler nor an executor lets a failure escape; a scope collects every outcome with awaitAll. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void collectingWaysReportEveryFailureAndCancelNothing(Mode mode) throws Exception {
        List<Outcome> ways = ExceptionsPattern.FORMS.of(mode).runAll(10, 3);
        String collecting = mode == Mode.STRUCTURED ? "await-all" : "invoke-all";
        Outcome all = way(ways, collecting);
        assertThat(all.reported()).containsOnlyKeys(0, 3, 6, 9);
        assertThat(all.interrupted()).isEmpty();
    }

    @Test
    void theFirstFailureCancelsEverySiblingAndJoinThrowsWithItsCause() throws Exception {
        Outcome failFast = way(new StructuredExceptions().runAll(8, 3), "fail-fast");
        assertThat(failFast.carrier()).isEqualTo("join()'s FailedException");
        assertThat(failFast.reported()).containsOnlyKeys(0); // tasks 3 and 6 were cancelled before they could fail
        assertThat(failFast.reported().get(0)).isInstanceOf(TaskFailure.class);
        assertThat(failFast.interrupted()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
        assertThat(failFast.leftRunning()).isZero(); // counted at once after close(): no sibling outlives the scope
    }

    /**
     * Interrupted (Ctrl-C) while it starts its threads, the handler way starts no more: it started every one first, and
     * {@code loom run exceptions --mode virtual --tasks 5000000} went on starting them after Ctrl-C until the JVM
     * ended it, 10 s later, without the line that says the run stopped. The builder's name counter says how many
     * threads it made.
     */
    @Test
    void anInterruptedCallerStartsNoMoreThreads() {
        Thread.Builder builder = Thread.ofVirtual().name("task-", 0);
        Thread.currentThread().interrupt(); // as Ctrl-C leaves it: the flag set while the threads are being started
        try {
            assertThatThrownBy(() -> ClassicWays.runAll(10_000, 1, builder, Executors::newVirtualThreadPerTaskExecutor))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted(); // not left set for the next test
        }
        assertThat(builder.unstarted(() -> {}).getName()).isEqualTo("task-0");
    }

    @Test
    void futureGetWrapsTheCauseInAnExecutionException() throws Exception {
        Outcome invokeAll = way(new PlatformExceptions().runAll(4, 2), "invoke-all");
        assertThat(invokeAll.carrier()).isEqualTo("Future.get's ExecutionException");
        assertThat(invokeAll.reported()).containsOnlyKeys(0, 2);
    }

    /** Failures on purpose are collected, never printed by the JDK's default handler. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void noFailurePrintsAStackTrace(Mode mode) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ExceptionsPattern.FORMS.of(mode).runAll(6, 2);
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .doesNotContain("fails on purpose")
                .doesNotContain("TaskFailure");
    }

    /** A failure is filed under the task it came back through, so a cause from another task shows as a mix-up. */
    @Test
    void checkFailsWhenAFailureCameBackThroughAnotherTasksHandle() throws Exception {
        Tasks tasks = new Tasks(4, 3); // tasks 0 and 3 fail
        tasks.report(0, new TaskFailure(3)); // their causes swapped, as a mixed-up collector would deliver them
        tasks.report(3, new TaskFailure(0));

        Check check = ExceptionsPattern.check(List.of(tasks.summarize("w", "c", tasks.failing(), Set.of(), false)));

        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail()).contains("task 0 was reported with cause").contains("task 3 fails on purpose");
    }

    @Test
    void checkFailsOnAMissingFailureAWrongCauseAnUninterruptedSiblingOrALeftover() {
        Map<Integer, Throwable> reported = Map.of(0, new TaskFailure(0));
        assertThat(ExceptionsPattern.check(List.of(new Outcome("w", "c", Set.of(0), reported, Set.of(), Set.of(), 0)))
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
        assertThat(ExceptionsPattern.check(
                                List.of(new Outcome("w", "c", Set.of(0, 2), reported, Set.of(), Set.of(), 0)))
                        .detail())
                .contains("reported failures of tasks [0], expected [0, 2]");
        assertThat(ExceptionsPattern.check(List.of(
                                new Outcome("w", "c", Set.of(0), Map.of(0, new TaskFailure(1)), Set.of(), Set.of(), 0)))
                        .detail())
                .contains("was reported with cause");
        assertThat(ExceptionsPattern.check(
                                List.of(new Outcome("w", "c", Set.of(0), reported, Set.of(1, 2), Set.of(1), 0)))
                        .detail())
                .contains("1 tasks saw an interrupt, expected 2; expected, not seen: [2]");
        // as many interrupted as expected, but not the same tasks: the message names which
        assertThat(ExceptionsPattern.check(
                                List.of(new Outcome("w", "c", Set.of(0), reported, Set.of(1, 2), Set.of(1, 3), 0)))
                        .detail())
                .isEqualTo("w: 2 tasks saw an interrupt, expected 2; expected, not seen: [2]; seen, not expected: [3]");
        assertThat(ExceptionsPattern.check(List.of(new Outcome(
                                "w",
                                "c",
                                Set.of(0),
                                reported,
                                Set.of(),
                                Set.copyOf(IntStream.rangeClosed(1, 7).boxed().toList()),
                                0)))
                        .detail())
                .endsWith("seen, not expected: [1, 2, 3, 4, 5] and 2 more");
        assertThat(ExceptionsPattern.check(List.of(new Outcome("w", "c", Set.of(0), reported, Set.of(), Set.of(), 3)))
                        .detail())
                .contains("3 threads still running");
    }

    /**
     * Ctrl-C in either of the structured form's fork loops (fail-fast's, then await-all's): it forks no more, and
     * those forked end.
     */
    @ParameterizedTest
    @CsvSource({"10, 2000", "2010, 4000"}) // fail-fast forks 2,000, then await-all 2,000 more
    void anInterruptedStructuredCallerForksNoMore(int interruptAfter, int forksWithoutTheInterrupt) {
        InterruptAfterStarts.assertStopsStarting(
                interruptAfter, forksWithoutTheInterrupt, () -> new StructuredExceptions().runAll(2_000, 1));
    }
}
