package dev.loompatterns.semaphorepool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.RunGate;
import dev.loompatterns.testing.Background;
import dev.loompatterns.testing.InterruptAfterStarts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(60) // backstop only
class SemaphorePoolTest {

    static final Duration HOLD_UNTIL_INTERRUPTED = Duration.ofMinutes(10);

    static Stream<Arguments> limitsInEveryMode() {
        return Stream.of(Mode.values())
                .flatMap(mode -> Stream.of(Form.Limit.values()).map(limit -> Arguments.of(mode, limit)));
    }

    /** The measured peak of admitted workers never exceeds the connections, and every worker gets in once. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("limitsInEveryMode")
    void neverAdmitsMoreThanThePermits(Mode mode, Form.Limit limit) throws Exception {
        ConnectionPool pool = ConnectionPool.limitedBy(limit, 3, 60);
        SemaphorePoolPattern.FORMS.of(mode).runAll(pool, 60, Duration.ofMillis(1), limit);

        assertThat(pool.peakAdmitted()).isBetween(1, 3);
        assertThat(pool.turnedAway()).isZero();
        assertThat(pool.visits()).containsOnly(1);
        assertThat(SemaphorePoolPattern.check(pool).verdict()).isEqualTo(Check.Verdict.PASSED);
    }

    /**
     * Under contention, with a worker holding every connection and the rest waiting behind the
     * limit, the peak of admitted workers reaches the connections and no further, and the check passes.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("limitsInEveryMode")
    void peakReachesTheConnectionsAndNoFurtherUnderContention(Mode mode, Form.Limit limit) throws Exception {
        ConnectionPool pool = ConnectionPool.limitedBy(limit, 3, 10);
        runHeldUntil(mode, limit, pool, hold -> hold.arrivals() == 3);

        assertThat(pool.peakAdmitted()).isEqualTo(3);
        assertThat(pool.turnedAway()).isZero();
        assertThat(pool.visits()).containsOnly(1);
        Check check = SemaphorePoolPattern.check(pool);
        assertThat(check.verdict()).isEqualTo(Check.Verdict.PASSED);
        assertThat(check.detail())
                .isEqualTo("peak 3 workers admitted at once, within the 3 connections (measured); "
                        + "10 workers got in once each");
    }

    /** No more workers than connections: the check passes, and says the limit had no one to hold back. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("limitsInEveryMode")
    void asManyWorkersAsConnectionsIsSaid(Mode mode, Form.Limit limit) throws Exception {
        ConnectionPool pool = ConnectionPool.limitedBy(limit, 3, 3);
        SemaphorePoolPattern.FORMS.of(mode).runAll(pool, 3, Duration.ofMillis(1), limit);

        Check check = SemaphorePoolPattern.check(pool);
        assertThat(check.verdict()).isEqualTo(Check.Verdict.PASSED);
        assertThat(check.detail())
                .endsWith("3 workers got in once each (no more workers than connections: the limit had no one to hold"
                        + " back)");
    }

    /**
     * A semaphore of more permits than connections admits more workers than connections: with a
     * worker holding each connection, the others are turned away, and the check fails naming the
     * measured peak and the connections.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void checkFailsWhenTheLimitAdmitsMoreWorkersThanConnections(Mode mode) throws Exception {
        ConnectionPool pool = ConnectionPool.guarded(2, 6, 6);
        runHeldUntil(mode, Form.Limit.SEMAPHORE, pool, hold -> hold.arrivals() == 2 && pool.turnedAway() == 4);

        int peak = pool.peakAdmitted();
        // each turned-away worker was admitted beside the two holders; how many of them at once is timing
        assertThat(peak).isBetween(3, 6);
        int[] visits = pool.visits();
        Arrays.sort(visits);
        assertThat(visits).as("two workers got a connection").containsExactly(0, 0, 0, 0, 1, 1);
        Check check = SemaphorePoolPattern.check(pool);
        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail())
                .isEqualTo("peak " + peak + " workers admitted at once, more than the 2 connections (measured); "
                        + "4 found no idle connection");
    }

    /**
     * Runs every worker in the mode's form with the run held at the gate, where each holder has its
     * connection in hand, until {@code until} holds; then releases it and joins the run, whose
     * failure reaches the caller.
     */
    static void runHeldUntil(Mode mode, Form.Limit limit, ConnectionPool pool, Predicate<RunGate.Hold> until)
            throws Exception {
        int workers = pool.visits().length;
        try (RunGate.Hold hold = RunGate.hold()) {
            Background<Void> run = Background.start(() -> {
                SemaphorePoolPattern.FORMS.of(mode).runAll(pool, workers, Duration.ZERO, limit);
                return null;
            });
            try {
                // or until the run ended early, for join() to say why
                Background.awaitUntil(() -> until.test(hold) || !run.thread().isAlive());
                hold.release();
                run.join();
            } finally {
                hold.release();
                run.close();
            }
        }
    }

    /** With both connections held, a third worker waits for a permit and is not admitted. */
    @Test
    void aWorkerBeyondThePermitsWaitsForOne() throws Exception {
        ConnectionPool pool = ConnectionPool.guarded(2, 3);
        List<Background<Void>> workers = new ArrayList<>();
        try {
            startHolding(pool, 2, workers);
            Background<Void> third = Background.start(() -> {
                pool.use(2, Duration.ZERO);
                return null;
            });
            workers.add(third);
            third.awaitState(Thread.State.WAITING); // in Semaphore.acquire

            assertThat(pool.peakAdmitted()).isEqualTo(2);
            assertThat(pool.visits()).containsExactly(1, 1, 0);

            workers.getFirst().close(); // interrupting a holder gives its connection back
            assertThatThrownBy(workers.getFirst()::join)
                    .as("the holder, ended by the interrupt in its query and by nothing else")
                    .isInstanceOf(InterruptedException.class);
            third.join();
            assertThat(pool.visits()).containsExactly(1, 1, 1);
            assertThat(pool.peakAdmitted()).isEqualTo(2);
            assertThat(pool.turnedAway()).isZero();
        } finally {
            for (Background<Void> worker : workers) {
                worker.close();
            }
        }
    }

    /**
     * Without a semaphore, the pool relies on the caller: a worker admitted while every connection
     * is held is turned away rather than sharing one, and the check fails naming the measured peak
     * of admitted workers and the connections.
     */
    @Test
    void checkFailsWhenMoreWorkersAreAdmittedThanConnections() throws Exception {
        ConnectionPool pool = ConnectionPool.unguarded(2, 3);
        List<Background<Void>> holders = new ArrayList<>();
        try {
            startHolding(pool, 2, holders);
            pool.use(2, Duration.ZERO); // a third at once: nothing in an unguarded pool stops it
        } finally {
            for (Background<Void> holder : holders) {
                holder.close();
            }
        }
        assertThat(pool.peakAdmitted()).isEqualTo(3);
        assertThat(pool.turnedAway()).isEqualTo(1);
        assertThat(pool.visits()).containsExactly(1, 1, 0);
        Check check = SemaphorePoolPattern.check(pool);
        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail())
                .isEqualTo("peak 3 workers admitted at once, more than the 2 connections (measured); "
                        + "1 found no idle connection");
    }

    /**
     * Starts workers 0 to {@code count}-1, each holding a connection until interrupted, into
     * {@code started} (which the caller closes), and returns when each is in its query.
     */
    static void startHolding(ConnectionPool pool, int count, List<Background<Void>> started)
            throws InterruptedException {
        for (int w = 0; w < count; w++) {
            int worker = w;
            started.add(Background.start(() -> {
                pool.use(worker, HOLD_UNTIL_INTERRUPTED);
                return null;
            }));
        }
        for (Background<Void> holder : started) {
            holder.awaitState(Thread.State.TIMED_WAITING); // in its query, holding a connection
        }
    }

    @Test
    void checkFailsWhenAWorkerNeverGotIn() throws Exception {
        ConnectionPool pool = ConnectionPool.guarded(2, 3);
        pool.use(0, Duration.ZERO);
        pool.use(2, Duration.ZERO);
        Check check = SemaphorePoolPattern.check(pool);
        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail()).isEqualTo("worker 1 got a connection 0 times, expected once");
    }

    /** Ctrl-C in the start loop: the caller starts no more workers, and those started end (every mode). */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void anInterruptedCallerStartsNoMoreWorkers(Mode mode) {
        ConnectionPool pool = ConnectionPool.guarded(2, 2_000);
        InterruptAfterStarts.assertStopsStarting(
                10,
                2_000,
                () -> SemaphorePoolPattern.FORMS.of(mode).runAll(pool, 2_000, Duration.ZERO, Form.Limit.SEMAPHORE));
    }
}
