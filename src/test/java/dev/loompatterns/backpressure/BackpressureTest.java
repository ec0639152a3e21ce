package dev.loompatterns.backpressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.RunGate;
import dev.loompatterns.testing.Background;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(60) // backstop only
class BackpressureTest {

    static final int LIMIT = 3;
    static final int QUEUE = 2;

    static Stream<Arguments> policiesInEveryMode() {
        return Stream.of(Mode.values())
                .flatMap(mode -> Stream.of(Policy.values()).map(policy -> Arguments.of(mode, policy)));
    }

    /** Each variant's id names a policy, in the catalogue's order. */
    @Test
    void eachVariantIsAPolicy() {
        assertThat(BackpressurePattern.INFO.variants())
                .extracting(variant -> variant.as(Policy.class))
                .containsExactly(Policy.values());
    }

    /** A submission on a background thread, whose ledger is made there so that it knows its submitter. */
    private static Background<Outcome> submitInBackground(
            Mode mode, Policy policy, Load load, CompletableFuture<Ledger> ledgerOut) {
        return Background.start(() -> {
            Ledger ledger = new Ledger(load.tasks(), load.limit());
            ledgerOut.complete(ledger);
            BackpressurePattern.FORMS.of(mode).submitAll(ledger, load, policy);
            return ledger.observe();
        });
    }

    /**
     * Whatever the timing: every task counted once, the counts add up, the peak within the limit, wait sheds nothing.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("policiesInEveryMode")
    void keepsTheBooksAndTheLimit(Mode mode, Policy policy) throws Exception {
        Load load = new Load(60, LIMIT, QUEUE, Duration.ofMillis(2), Duration.ofMillis(1));
        Ledger ledger = new Ledger(load.tasks(), load.limit());

        BackpressurePattern.FORMS.of(mode).submitAll(ledger, load, policy);

        Outcome seen = ledger.observe();
        assertThat(seen.decisions()).containsOnly(1);
        assertThat(seen.submitted()).isEqualTo(60);
        assertThat(seen.done() + seen.shed()).isEqualTo(60);
        assertThat(seen.peak()).isBetween(1, LIMIT);
        if (policy == Policy.WAIT) {
            assertThat(seen.shed()).isZero();
        }
        Check check = BackpressurePattern.check(policy, seen);
        assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
    }

    /**
     * With every admitted task held at the gate, nothing frees room: what does not fit is shed, the
     * caller is told (the pool's exception, the semaphore's false), and the held tasks still finish.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void shedRefusesWhatDoesNotFitAndTellsTheCaller(Mode mode) throws Exception {
        int tasks = LIMIT + QUEUE + 5;
        // the pool takes LIMIT on its threads and QUEUE in its queue; a semaphore takes LIMIT
        int admitted = mode == Mode.PLATFORM ? LIMIT + QUEUE : LIMIT;
        Load load = new Load(tasks, LIMIT, QUEUE, Duration.ZERO, Duration.ofMillis(1));
        CompletableFuture<Ledger> ledger = new CompletableFuture<>();
        try (RunGate.Hold hold = RunGate.hold();
                Background<Outcome> run = submitInBackground(mode, Policy.SHED, load, ledger)) {
            Background.awaitUntil(
                    () -> ledger.isDone() && ledger.join().observe().shed() == tasks - admitted);
            assertThat(hold.awaitArrival()).isTrue();
            assertThat(ledger.join().observe().done())
                    .as("held, so none done yet")
                    .isZero();
            hold.release();

            Outcome seen = run.join();
            assertThat(seen.done()).isEqualTo(admitted);
            assertThat(seen.shed()).isEqualTo(tasks - admitted);
            assertThat(seen.decisions()).containsOnly(1);
            assertThat(seen.peak()).isBetween(1, LIMIT);
            assertThat(seen.refusal())
                    .isEqualTo(
                            mode == Mode.PLATFORM
                                    ? "RejectedExecutionException from ThreadPoolExecutor.submit"
                                    : "false from Semaphore.tryAcquire(1 ms)");
            Check check = BackpressurePattern.check(Policy.SHED, seen);
            assertThat(check.verdict()).isEqualTo(Check.Verdict.PASSED);
            assertThat(check.detail())
                    .contains(tasks + " submitted = " + admitted + " done + " + (tasks - admitted) + " shed")
                    .contains("the caller saw " + seen.refusal());
        }
    }

    /**
     * With every admitted task held, wait holds the caller instead: parked on a permit (virtual,
     * structured), or running a task itself and held with it (caller-runs). Released, every task is done.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void waitHoldsTheCallerInsteadOfShedding(Mode mode) throws Exception {
        int tasks = LIMIT + QUEUE + 4;
        Load load = new Load(tasks, LIMIT, QUEUE, Duration.ZERO, Duration.ofMillis(1));
        CompletableFuture<Ledger> ledger = new CompletableFuture<>();
        try (RunGate.Hold hold = RunGate.hold();
                Background<Outcome> run = submitInBackground(mode, Policy.WAIT, load, ledger)) {
            // platform: LIMIT - 1 pool threads and the caller, held at the gate; else LIMIT forks or threads
            Background.awaitUntil(() -> hold.arrivals() == LIMIT);
            run.awaitState(Thread.State.WAITING);
            Outcome midway = ledger.join().observe();
            assertThat(midway.shed()).isZero();
            assertThat(midway.done()).isZero();
            assertThat(midway.submitted())
                    .as("the ledger counts only what the caller submitted")
                    .isLessThan(tasks);
            if (mode == Mode.PLATFORM) {
                assertThat(midway.ranByCaller())
                        .as("caller-runs: the caller runs the task it could not queue")
                        .isEqualTo(1);
            } else {
                assertThat(midway.callerWaits()).as("parked in acquire()").isEqualTo(1);
            }
            hold.release();

            Outcome seen = run.join();
            assertThat(seen.done()).isEqualTo(tasks);
            assertThat(seen.shed()).isZero();
            assertThat(seen.decisions()).containsOnly(1);
            assertThat(seen.peak()).isBetween(1, LIMIT);
            assertThat(BackpressurePattern.check(Policy.WAIT, seen).verdict()).isEqualTo(Check.Verdict.PASSED);
        }
    }

    /**
     * The catch the platform form avoids by giving its pool one thread fewer than the limit: under
     * {@code CallerRunsPolicy} a pool of LIMIT threads has LIMIT + 1 tasks started and unfinished at
     * once, the caller running the last of them.
     */
    @Test
    void callerRunsMakesTheCallerOneMoreWorker() throws Exception {
        int tasks = LIMIT + QUEUE + 1;
        try (RunGate.Hold hold = RunGate.hold();
                Background<Outcome> run = Background.start(
                        () -> burstThroughAPool(new ThreadPoolExecutor.CallerRunsPolicy(), tasks, () -> {}))) {
            Background.awaitUntil(() -> hold.arrivals() == LIMIT + 1); // LIMIT pool threads and the caller, all held
            run.awaitState(Thread.State.WAITING);
            hold.release();

            Outcome seen = run.join();
            assertThat(seen.ranByCaller()).isEqualTo(1);
            assertThat(seen.done()).isEqualTo(tasks);
        }
    }

    /**
     * Submits {@code tasks} tasks of no work to a pool of LIMIT threads with a queue of QUEUE under {@code handler},
     * runs {@code afterSubmitting}, and returns the books once the pool has closed (every accepted task ended).
     */
    private static Outcome burstThroughAPool(RejectedExecutionHandler handler, int tasks, Runnable afterSubmitting) {
        Ledger ledger = new Ledger(tasks, LIMIT);
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(
                LIMIT, LIMIT, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), handler)) {
            for (int i = 0; i < tasks; i++) {
                int task = i;
                ledger.submitted();
                pool.submit(() -> {
                    ledger.work(task, Duration.ZERO);
                    return null;
                });
            }
            afterSubmitting.run();
        }
        return ledger.observe();
    }

    private static Outcome outcome(int[] decisions, int submitted, int done, int shed, int peak, String refusal) {
        return new Outcome(LIMIT, decisions, submitted, done, shed, peak, 0, 0, refusal);
    }

    @Test
    void checkPassesAndNamesWhatTheCallerSaw() {
        Check check = BackpressurePattern.check(
                Policy.SHED, outcome(new int[] {1, 1, 1, 1}, 4, 3, 1, 3, "false from tryAcquire"));
        assertThat(check.verdict()).isEqualTo(Check.Verdict.PASSED);
        assertThat(check.detail())
                .isEqualTo("4 submitted = 3 done + 1 shed (the caller saw false from tryAcquire); peak 3 in flight of"
                        + " limit 3 (measured)");
    }

    @Test
    void checkFailsWhenATaskWasDroppedSilently() {
        Check check = BackpressurePattern.check(Policy.SHED, outcome(new int[] {1, 0, 1}, 3, 2, 0, 2, null));
        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail()).isEqualTo("task 1 was neither done nor shed: dropped silently");
    }

    @Test
    void checkFailsWhenATaskWasCountedTwice() {
        Check check = BackpressurePattern.check(Policy.SHED, outcome(new int[] {1, 2}, 2, 2, 1, 2, "x"));
        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail()).isEqualTo("task 1 was counted 2 times, expected once");
    }

    /**
     * Shed nothing: every task found room, in flight or in a queue. It said "the burst never outran the limit", untrue
     * where the platform pool's queue (-P queue=1000000) held what the limit did not (a hunt).
     */
    @Test
    void aShedRunThatShedNothingSaysEachTaskFoundRoom() {
        Check check = BackpressurePattern.check(Policy.SHED, outcome(new int[] {1, 1, 1}, 3, 3, 0, 2, null));
        assertThat(check.verdict()).isEqualTo(Check.Verdict.PASSED);
        assertThat(check.detail())
                .startsWith(
                        "3 submitted = 3 done + 0 shed (none shed this time: each task found room as" + " it came)");
    }

    @Test
    void checkFailsWhenTheCountsDoNotAddUp() {
        Check check = BackpressurePattern.check(Policy.WAIT, outcome(new int[] {1, 1, 1}, 3, 2, 0, 2, null));
        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail()).isEqualTo("2 done + 0 shed != 3 submitted");
    }

    @Test
    void checkFailsWhenNotEveryTaskWasSubmitted() {
        Check check = BackpressurePattern.check(Policy.WAIT, outcome(new int[] {1, 1, 1}, 2, 2, 0, 2, null));
        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail()).isEqualTo("2 of 3 tasks submitted");
    }

    @Test
    void checkFailsWhenThePeakExceedsTheLimit() {
        Check check = BackpressurePattern.check(Policy.WAIT, outcome(new int[] {1, 1, 1, 1}, 4, 4, 0, LIMIT + 1, null));
        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail()).isEqualTo("peak 4 in flight, above the limit of 3 (measured)");
    }

    @Test
    void checkFailsWhenWaitSheds() {
        Check check =
                BackpressurePattern.check(Policy.WAIT, outcome(new int[] {1, 1}, 2, 1, 1, 1, "false from tryAcquire"));
        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail()).isEqualTo("wait shed 1 tasks; it must hold the caller instead");
    }

    /**
     * A pool that drops what does not fit without telling the caller ({@code DiscardPolicy}): the dropped tasks are
     * counted neither done nor shed, and the check fails on the first of them.
     */
    @Test
    void checkFailsWhenAPoolDropsATaskWithoutTellingTheCaller() throws Exception {
        int tasks = LIMIT + QUEUE + 1;
        try (RunGate.Hold hold = RunGate.hold();
                // every submission returned: the last task was discarded, not refused
                Background<Outcome> run = Background.start(
                        () -> burstThroughAPool(new ThreadPoolExecutor.DiscardPolicy(), tasks, hold::release))) {
            Outcome seen = run.join();
            assertThat(seen.shed()).isZero();
            assertThat(seen.done()).isEqualTo(tasks - 1);
            Check check = BackpressurePattern.check(Policy.SHED, seen);
            assertThat(check)
                    .extracting(Check::verdict, Check::detail)
                    .containsExactly(
                            Check.Verdict.FAILED,
                            "task " + (tasks - 1) + " was neither done nor shed: dropped silently");
        }
    }

    /**
     * A failed fork cancels the scope, and a {@code fork} on a cancelled scope neither throws nor runs its task, so
     * that task never gives its permit back: the structured form stops forking once the scope is cancelled and ends
     * with the failure, where forking on would, under {@code acquire()}, wait for ever once the lost forks held every
     * permit. Here every task but task 0 fails as it ends (its ledger knows one task only, so it cannot count the
     * others done).
     */
    @Test
    void aFailedForkEndsTheStructuredWaitWithTheFailure() {
        Load load = new Load(40, 2, QUEUE, Duration.ofMillis(1), Duration.ofMillis(1));
        Ledger ledger = new Ledger(1, load.limit());

        assertThatThrownBy(() -> BackpressurePattern.FORMS.of(Mode.STRUCTURED).submitAll(ledger, load, Policy.WAIT))
                .isInstanceOf(StructuredTaskScope.FailedException.class)
                .hasCauseInstanceOf(IndexOutOfBoundsException.class);
        assertThat(ledger.observe().submitted()).as("stopped forking").isLessThan(load.tasks());
    }
}
