package dev.loompatterns.race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Interrupting;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.TaskLog;
import dev.loompatterns.core.TaskLog.State;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.StructuredTaskScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every race form returns the fastest success and leaves no mirror running.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 */
class RaceTest {

    static final Duration NEVER = Duration.ofMinutes(10); // a latency no test waits out: only an interrupt ends it

    /** The fastest mirror that succeeds wins; when the race returns, the failed one and every loser have ended. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    @Timeout(60) // backstop: a loser left running would sleep ten minutes
    void fastestSuccessWinsAndEveryLoserHasEndedOnReturn(Mode mode) throws Exception {
        TaskLog log = new TaskLog(5);
        String winner = RacePattern.FORMS.of(mode).race(Mirrors.of(Duration.ofMillis(1), NEVER, false, log));
        List<State> states = log.snapshot();

        assertThat(winner).isEqualTo("mirror-1");
        assertThat(states).doesNotContain(State.STARTED);
        // mirror-0 fails at once, but on a loaded machine mirror-1 can answer before mirror-0's thread
        // ran: then it is cancelled unstarted. It must never have succeeded (the pattern's check says the same).
        assertThat(states.get(0)).isIn(State.FAILED, State.INTERRUPTED, null);
        assertThat(states.get(1)).isEqualTo(State.SUCCEEDED);
        assertThat(states.subList(2, 5)).allMatch(state -> state == State.INTERRUPTED || state == null);
        assertThat(RacePattern.checkFirstSuccess(winner, null, states).verdict())
                .isEqualTo(Check.Verdict.PASSED);
    }

    /** When every mirror fails, the race throws, and only after all of them have failed. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyMirrorFailingMakesTheRaceThrowAfterAllEnded(Mode mode) {
        TaskLog log = new TaskLog(4);
        Class<? extends Exception> expected =
                mode == Mode.STRUCTURED ? StructuredTaskScope.FailedException.class : ExecutionException.class;

        assertThatThrownBy(() -> RacePattern.FORMS.of(mode).race(Mirrors.of(Duration.ZERO, NEVER, true, log)))
                .isInstanceOf(expected)
                .hasCauseInstanceOf(IOException.class);
        assertThat(log.snapshot()).containsOnly(State.FAILED);
    }

    /** A caller interrupted mid-race gets InterruptedException, and no mirror is left running. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    @Timeout(60)
    void interruptingTheCallerEndsEveryMirror(Mode mode) throws Exception {
        TaskLog log = new TaskLog(3);
        // mirror-0 fails at once; the other two wait out their latency until interrupted. Wait for all
        // three: a pool may start mirrors 1 and 2 before the thread it made for mirror-0 runs, and an
        // interrupt then would cancel mirror-0 before it ever started.
        Throwable thrown = Interrupting.interruptWhenReady(
                () -> RacePattern.FORMS.of(mode).race(Mirrors.of(NEVER, NEVER, false, log)),
                () -> log.of(0) == State.FAILED && log.of(1) == State.STARTED && log.of(2) == State.STARTED);

        assertThat(thrown).isInstanceOf(InterruptedException.class);
        assertThat(log.snapshot()).containsExactly(State.FAILED, State.INTERRUPTED, State.INTERRUPTED);
    }

    @Test
    void checkFailsOnALoserStillRunningOrTheWrongWinner() {
        List<State> stillRunning = Arrays.asList(State.FAILED, State.SUCCEEDED, State.STARTED);
        assertThat(RacePattern.checkFirstSuccess("mirror-1", null, stillRunning).detail())
                .contains("still running");
        List<State> done = Arrays.asList(State.FAILED, State.SUCCEEDED, State.INTERRUPTED, null);
        assertThat(RacePattern.checkFirstSuccess("mirror-2", null, done).detail())
                .contains("expected mirror-1");
        List<State> twoWinners = Arrays.asList(State.FAILED, State.SUCCEEDED, State.SUCCEEDED);
        assertThat(RacePattern.checkFirstSuccess("mirror-1", null, twoWinners).verdict())
                .isEqualTo(Check.Verdict.FAILED);
        assertThat(RacePattern.checkAllFailed(null, List.of(State.FAILED)).verdict())
                .isEqualTo(Check.Verdict.FAILED);
        assertThat(RacePattern.checkAllFailed(new IOException(), List.of(State.FAILED, State.STARTED))
                        .detail())
                .contains("still running");

        assertThat(RacePattern.checkFirstSuccess(null, new IOException("mirror-1 is unreachable"), done)
                        .detail())
                .isEqualTo("threw java.io.IOException: mirror-1 is unreachable although mirror-1 answers");
        List<State> firstNotSucceeded = Arrays.asList(State.FAILED, State.INTERRUPTED, State.INTERRUPTED);
        assertThat(RacePattern.checkFirstSuccess("mirror-1", null, firstNotSucceeded)
                        .detail())
                .isEqualTo("mirror states [FAILED, INTERRUPTED, INTERRUPTED]: expected mirror-0 failed and mirror-1"
                        + " succeeded");
        List<State> zeroSucceeded = Arrays.asList(State.SUCCEEDED, State.SUCCEEDED, State.INTERRUPTED);
        assertThat(RacePattern.checkFirstSuccess("mirror-1", null, zeroSucceeded)
                        .detail())
                .startsWith("mirror states [SUCCEEDED, SUCCEEDED, INTERRUPTED]");
        assertThat(RacePattern.checkAllFailed(new IOException(), Arrays.asList(State.FAILED, State.INTERRUPTED, null))
                        .detail())
                .isEqualTo("threw IOException with mirror states [FAILED, INTERRUPTED, null], expected all failed");
    }

    /** The pass says how mirror-0 ended: failed at once, or, when mirror-1 answered first, cancelled. */
    @Test
    void thePassSaysHowMirrorZeroEnded() {
        RacePattern.Tally failedEveryTime = new RacePattern.Tally();
        failedEveryTime.add(Arrays.asList(State.FAILED, State.SUCCEEDED, State.INTERRUPTED, null));
        failedEveryTime.add(Arrays.asList(State.FAILED, State.SUCCEEDED, State.INTERRUPTED, State.INTERRUPTED));
        assertThat(failedEveryTime.firstSuccessPassed(2).detail())
                .isEqualTo("2 races won by mirror-1 (the fastest that succeeded; mirror-0 failed at once); losers: 3"
                        + " interrupted, 1 never started; none running at return");

        RacePattern.Tally cancelledFirst = new RacePattern.Tally();
        cancelledFirst.add(Arrays.asList(State.FAILED, State.SUCCEEDED, State.INTERRUPTED));
        cancelledFirst.add(Arrays.asList(State.INTERRUPTED, State.SUCCEEDED, State.INTERRUPTED));
        cancelledFirst.add(Arrays.asList(null, State.SUCCEEDED, null));
        Check check = cancelledFirst.firstSuccessPassed(3);
        assertThat(check.verdict()).isEqualTo(Check.Verdict.PASSED);
        assertThat(check.detail())
                .isEqualTo("3 races won by mirror-1 (the fastest that succeeded; mirror-0 failed in 1, interrupted in"
                        + " 1, never started in 1); losers: 2 interrupted, 1 never started; none running at return");
    }
}
