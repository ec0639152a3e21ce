package dev.loompatterns.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Interrupting;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.TaskLog;
import dev.loompatterns.core.TaskLog.State;
import dev.loompatterns.testing.Background;
import dev.loompatterns.testing.InterruptAfterStarts;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The deadline forms return what was delivered in time and leave nothing running.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 */
class DeadlineTest {

    static final Duration NEVER = Duration.ofMinutes(10); // only a cancel ends a subtask this slow

    /** Of twelve subtasks with every third slow ({@code Subtasks.of(3, ...)}), those that answer at once. */
    private static final List<Integer> FAST = List.of(0, 1, 3, 4, 6, 7, 9, 10);

    /**
     * Slow subtasks are cut off at the deadline: none delivers, and none is still running when the call returns.
     * What came in time is delivered: the fast subtasks, which answer at once, each well inside the budget. With a
     * budget of 50 ms this test did not ask for them, and a form that dropped every result once its budget ran out
     * (a structured form returning nothing from a timed-out join) passed it, the loop over the delivered results
     * then empty; the pattern's own check passes that too, as results that came past the budget.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    @Timeout(90) // backstop: a subtask not cancelled would run ten minutes
    void slowSubtasksAreCutOffAndNoneRunsAfterTheCall(Mode mode) throws Exception {
        // the slow subtasks are NEVER done, so the call always lasts the whole budget: long enough that the fast
        // ones, which start at once (a pool of 12 for 12) and do nothing, have answered before it runs out. Where
        // one of them had not (its state in the log: a machine stalled for the whole budget), the call is made once
        // more with a budget ten times as long; a form that cuts the fast ones off fails both. What the slow ones
        // show does not depend on the machine's speed, and is asked of every call.
        List<Duration> budgets = List.of(Duration.ofSeconds(2), Duration.ofSeconds(20));
        for (Duration budget : budgets) {
            TaskLog log = new TaskLog(12);
            Map<Integer, String> delivered =
                    DeadlinePattern.FORMS.of(mode).within(budget, Subtasks.of(3, Duration.ZERO, NEVER, log), 12);
            List<State> states = log.snapshot();

            assertThat(states).doesNotContain(State.STARTED);
            for (int slow : List.of(2, 5, 8, 11)) {
                assertThat(delivered).doesNotContainKey(slow);
                assertThat(states.get(slow)).isIn(State.INTERRUPTED, null);
            }
            boolean stalled = !FAST.stream().map(states::get).allMatch(State.SUCCEEDED::equals);
            if (stalled && budget != budgets.getLast()) {
                continue;
            }
            assertThat(delivered)
                    .as("the fast subtasks, each done at once, within the %s budget; states %s", budget, states)
                    .containsOnlyKeys(FAST);
            delivered.forEach((index, result) -> {
                assertThat(result).isEqualTo("result-" + index);
                assertThat(states.get(index)).isEqualTo(State.SUCCEEDED);
            });
            return;
        }
    }

    /** With nothing slow, every result is delivered and the call does not wait for the rest of its budget. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    @Timeout(60) // backstop: waiting out the budget would take ten minutes
    void withNothingSlowEveryResultIsDelivered(Mode mode) throws Exception {
        TaskLog log = new TaskLog(20);
        Map<Integer, String> delivered =
                DeadlinePattern.FORMS.of(mode).within(NEVER, Subtasks.of(0, Duration.ZERO, NEVER, log), 4);

        assertThat(delivered).hasSize(20).containsEntry(0, "result-0").containsEntry(19, "result-19");
        assertThat(log.snapshot()).containsOnly(State.SUCCEEDED);
    }

    /** A caller interrupted while waiting gets InterruptedException, and every subtask has ended. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    @Timeout(60)
    void interruptingTheCallerEndsEverySubtask(Mode mode) throws Exception {
        TaskLog log = new TaskLog(3);
        Throwable thrown = Interrupting.interruptWhenReady(
                () -> DeadlinePattern.FORMS.of(mode).within(NEVER, Subtasks.of(1, Duration.ZERO, NEVER, log), 3),
                () -> log.running() == 3);

        assertThat(thrown).isInstanceOf(InterruptedException.class);
        assertThat(log.snapshot()).containsOnly(State.INTERRUPTED);
    }

    /**
     * The executor form stops submitting once the budget is spent: with none left, no subtask is submitted, so none
     * runs (1,000,000 virtual subtasks, each submitted, returned 18.8 s after a 200 ms budget).
     */
    @Test
    void theExecutorFormSubmitsNothingOnceTheBudgetIsSpent() throws Exception {
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Callable<String>> subtasks = java.util.Collections.nCopies(1_000, () -> {
            ran.incrementAndGet();
            return "ran";
        });
        Map<Integer, String> delivered;
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            delivered = FuturesWithin.collect(executor, Duration.ZERO, subtasks);
        } // close: every subtask submitted has ended
        assertThat(delivered).isEmpty();
        assertThat(ran).hasValue(0);
    }

    /**
     * Why the structured form gathers results in a map: in JDK 25 a subtask's result cannot be
     * read after join() timed out. JDK 26 (JEP 525) changes this area (Joiner.onTimeout).
     */
    @Test
    @Timeout(60)
    void inJdk25ASubtaskCannotBeReadAfterJoinTimedOut() throws Exception {
        assumeTrue(Runtime.version().feature() == 25, "JDK 25 behaviour (JEP 505); JDK 26 changes it (JEP 525)");
        // The budget is long enough that the quick fork is seen finished before it runs out; the test waits for
        // that state rather than hoping 20 ms is enough on a loaded machine. A machine stalled for the whole budget
        // before the fork ran is seen too (the scope cancelled first): once more, with a budget ten times as long.
        assertThat(quickForkUnreadableAfterTimeout(Duration.ofSeconds(2))
                        || quickForkUnreadableAfterTimeout(Duration.ofSeconds(20)))
                .as("the quick fork finished inside a budget of 2 s or 20 s")
                .isTrue();
    }

    /**
     * Forks a quick subtask and, once it has succeeded, one that never ends; the scope's join times out, and the quick
     * one, though it succeeded, cannot be read. False, with nothing asked, where the budget ran out before the quick
     * fork finished.
     */
    private static boolean quickForkUnreadableAfterTimeout(Duration budget) throws InterruptedException {
        try (var scope = StructuredTaskScope.open(Joiner.<String>awaitAll(), config -> config.withTimeout(budget))) {
            Subtask<String> quick = scope.fork(() -> "done");
            // BLOCKS-UNTIL: the quick fork has finished, well inside the budget; or the budget ran out first
            // (a stalled machine), which a spin would wait out for ever: a cancelled fork stays UNAVAILABLE
            Background.awaitUntil(() -> quick.state() != Subtask.State.UNAVAILABLE || scope.isCancelled());
            if (quick.state() == Subtask.State.UNAVAILABLE) {
                assertThatThrownBy(scope::join).isInstanceOf(StructuredTaskScope.TimeoutException.class);
                return false; // the budget ran out first
            }
            assertThat(quick.state()).isEqualTo(Subtask.State.SUCCESS);
            scope.fork(() -> {
                Thread.sleep(NEVER);
                return "never";
            });
            assertThatThrownBy(scope::join).isInstanceOf(StructuredTaskScope.TimeoutException.class);
            assertThat(quick.state()).isEqualTo(Subtask.State.SUCCESS);
            assertThatThrownBy(quick::get).isInstanceOf(IllegalStateException.class);
            return true;
        }
    }

    @Test
    void checkFailsWhenLateOrASubtaskStillRunsOrAResultIsWrong() {
        Duration budget = Duration.ofMillis(100);
        List<State> ended = Arrays.asList(State.SUCCEEDED, State.INTERRUPTED, null);
        assertThat(DeadlinePattern.check(budget, Duration.ofMillis(120), Map.of(0, "result-0"), ended)
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
        assertThat(DeadlinePattern.check(
                                budget, budget.plus(DeadlinePattern.SLACK).plusMillis(1), Map.of(), ended)
                        .detail())
                .contains("late");
        assertThat(DeadlinePattern.check(budget, budget, Map.of(), Arrays.asList(State.SUCCEEDED, State.STARTED))
                        .detail())
                .contains("still running");
        assertThat(DeadlinePattern.check(budget, budget, Map.of(1, "result-1"), ended)
                        .verdict())
                .isEqualTo(Check.Verdict.FAILED);
        assertThat(DeadlinePattern.check(budget, budget, Map.of(0, "result-9"), ended)
                        .verdict())
                .isEqualTo(Check.Verdict.FAILED);
    }

    /** The counts the check says add up to the subtasks: those that ended but were not delivered too. */
    @Test
    void thePassingCheckAccountsForEverySubtask() {
        Duration budget = Duration.ofMillis(100);
        Check check = DeadlinePattern.check(
                budget,
                budget,
                Map.of(0, "result-0"),
                Arrays.asList(State.SUCCEEDED, State.SUCCEEDED, State.SUCCEEDED, State.INTERRUPTED, null, null, null));
        assertThat(check.verdict()).isEqualTo(Check.Verdict.PASSED);
        assertThat(check.detail())
                .endsWith(": 1 of 7 delivered, 2 ended but not delivered (past the budget), 1 interrupted, 3 never"
                        + " started; none running at return");
        // nothing within the budget (a stalled machine, or a budget of 1 ms): still a deadline kept, and said so
        Check nothing = DeadlinePattern.check(budget, budget, Map.of(), Arrays.asList(State.INTERRUPTED, null));
        assertThat(nothing.verdict()).isEqualTo(Check.Verdict.PASSED);
        assertThat(nothing.detail())
                .endsWith(": 0 of 2 delivered, 1 interrupted, 1 never started; none running at return (nothing came"
                        + " within the budget, so this run showed the cut-off only: no subtask ended within it, on a"
                        + " loaded or cold machine, with a budget shorter than fast-ms, or with every subtask slow,"
                        + " slow-every=1)");
        assertThat(DeadlinePattern.check(budget, budget, Map.of(0, "result-0"), Arrays.asList(State.SUCCEEDED, null))
                        .detail())
                .as("none undelivered: not said")
                .endsWith(": 1 of 2 delivered, 0 interrupted, 1 never started; none running at return");
        // before the budget, a result that came and was not delivered is a form's bug, not lateness
        Check early = DeadlinePattern.check(
                budget, Duration.ofMillis(40), Map.of(0, "result-0"), Arrays.asList(State.SUCCEEDED, State.SUCCEEDED));
        assertThat(early.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(early.detail())
                .isEqualTo("returned in 40 ms, before the 100 ms budget, yet delivered 1 of the 2 subtasks that"
                        + " succeeded");
    }

    /**
     * Neither Future.get(timeout) nor the scope's timeout gives up before the budget, so a call that
     * returned early and cut a subtask off cancelled it by itself.
     */
    @Test
    void checkFailsACallThatCutSubtasksOffBeforeItsBudget() {
        Duration budget = Duration.ofMillis(100);
        Check interrupted =
                DeadlinePattern.check(budget, Duration.ofMillis(40), Map.of(), Arrays.asList(State.INTERRUPTED));
        assertThat(interrupted.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(interrupted.detail())
                .isEqualTo("returned in 40 ms, before the 100 ms budget, yet cut 1 subtask(s) off"
                        + " (interrupted or never started)");
        assertThat(DeadlinePattern.check(
                                budget,
                                Duration.ofMillis(40),
                                Map.of(0, "result-0"),
                                Arrays.asList(State.SUCCEEDED, null))
                        .verdict())
                .isEqualTo(Check.Verdict.FAILED);
        // early with every subtask done: fine; at the budget, cutting off is the job
        assertThat(DeadlinePattern.check(
                                budget,
                                Duration.ofMillis(40),
                                Map.of(0, "result-0"),
                                Arrays.asList(State.SUCCEEDED, State.FAILED))
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
        assertThat(DeadlinePattern.check(budget, budget, Map.of(), Arrays.asList(State.INTERRUPTED, null))
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
    }

    /**
     * Ctrl-C in the start loop: the caller starts no more subtasks, and those started end. Virtual and structured
     * only: the platform form's pool makes its few threads up front and queues the rest.
     */
    @ParameterizedTest
    @EnumSource(names = {"VIRTUAL", "STRUCTURED"})
    void anInterruptedCallerStartsNoMoreSubtasks(Mode mode) {
        TaskLog log = new TaskLog(2_000);
        InterruptAfterStarts.assertStopsStarting(
                10, 2_000, () -> DeadlinePattern.FORMS.of(mode).within(NEVER, Subtasks.of(0, NEVER, NEVER, log), 4));
    }
}
