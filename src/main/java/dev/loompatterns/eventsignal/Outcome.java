package dev.loompatterns.eventsignal;

import java.time.Duration;

/**
 * What a run of {@link EventScenario} saw.
 *
 * @param waiters           waiters per round
 * @param blockedBeforeSet  every first-round waiter was seen blocked with none through
 * @param releasedBySet     first-round waiters that returned after the set
 * @param setReturnsAtOnce  a zero-timeout wait on the set signal returned true
 * @param timedWaitResult   what the timed wait on the cleared signal returned
 * @param timedWaitTook     how long it took
 * @param timeout           the timeout it was given
 * @param blockedAfterClear every third-round waiter was seen blocked with none through
 * @param releasedAfterSet  third-round waiters that returned after the next set
 */
record Outcome(
        int waiters,
        boolean blockedBeforeSet,
        int releasedBySet,
        boolean setReturnsAtOnce,
        boolean timedWaitResult,
        Duration timedWaitTook,
        Duration timeout,
        boolean blockedAfterClear,
        int releasedAfterSet) {

    /**
     * A run that stopped after the first set(), which did not release every waiter: the later rounds
     * were not played, and their fields read false and zero.
     */
    static Outcome firstRoundOnly(int waiters, boolean blockedBeforeSet, int releasedBySet, Duration timeout) {
        return new Outcome(waiters, blockedBeforeSet, releasedBySet, false, false, Duration.ZERO, timeout, false, 0);
    }
}
