package dev.loompatterns.timer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who won: the timer firing or the cancel. One compare-and-set decides, so a cancel that returns
 * true means the action never began, in every mode.
 *
 * <p>Why the platform form needs it too: {@code Future.cancel(false)} on a scheduled task returns
 * true even while the action runs ({@code FutureTask} stays NEW until the action returns), so its
 * answer cannot tell "never ran" from "running". Memory consistency effects: the
 * compare-and-set is a volatile write, so what the canceller did before {@link #cancel()} is seen
 * by a timer that then finds itself cancelled.
 *
 * <p>A timer with a thread of its own (a virtual thread, a fork) waits for its time in
 * {@link #awaitDue}, on a latch that a successful cancel opens: Python's {@code Timer}, which waits
 * on an {@code Event} that {@code cancel()} sets. The cancel wakes the wait without an interrupt,
 * so it never reaches an action that is running, and a fork is left to its scope, whose way of
 * cancelling forks is the interrupt.
 */
final class TimerState {

    private static final int PENDING = 0;
    private static final int FIRED = 1;
    private static final int CANCELLED = 2;

    private final AtomicInteger state = new AtomicInteger(PENDING);
    private final CountDownLatch cancelled = new CountDownLatch(1); // opened by a cancel that won

    /**
     * Called by the timer when its time has come (a one-shot timer, or a repeating one's tick): true
     * if it may act. A one-shot timer can then no longer be cancelled; a repeating one's cancel
     * during the tick lets the tick run and stops the next ({@link #endTick()}).
     */
    boolean fire() {
        return state.compareAndSet(PENDING, FIRED);
    }

    /** True if the timer had not fired: it never will. */
    boolean cancel() {
        if (!state.compareAndSet(PENDING, CANCELLED)) {
            return false;
        }
        cancelled.countDown(); // wakes a timer waiting in awaitDue
        return true;
    }

    /** A repeating timer ends the tick {@link #fire()} began: false if it was cancelled meanwhile (no further tick). */
    boolean endTick() {
        return state.compareAndSet(FIRED, PENDING);
    }

    /**
     * Cancels a repeating timer: no tick starts after this. Returns null if it was already
     * cancelled, true if it was between ticks (a wait in {@link #awaitDue} ends at once), false if
     * a tick was running, which completes undisturbed.
     */
    Boolean cancelRepeating() {
        while (true) {
            int now = state.get();
            if (now == CANCELLED) {
                return null;
            }
            if (state.compareAndSet(now, CANCELLED)) {
                cancelled.countDown();
                return now == PENDING;
            }
        }
    }

    /**
     * Waits until {@code System.nanoTime()} reaches {@code due}, or the timer is cancelled; never
     * returns true before {@code due}.
     *
     * @return true if the time came, false if cancelled
     */
    boolean awaitDue(long due) throws InterruptedException {
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            if (cancelled.await(left, TimeUnit.NANOSECONDS)) { // BLOCKS-UNTIL: due, or a cancel
                return false;
            }
        }
        return cancelled.getCount() > 0;
    }

    /** A one-shot timer's thread: waits until {@code due}, then acts unless cancelled first. */
    void fireWhenDue(long due, Form.Action action) throws Exception {
        if (awaitDue(due) && fire()) { // else cancelled before it was due
            action.run();
        }
    }

    /**
     * A ticking timer's thread: tick {@code k} is due at {@code start + k * nanos}, from the start and
     * not from the last tick, so a late wake-up shortens the next wait instead of adding drift.
     */
    void tickAtFixedRate(long start, long nanos, int ticks, Form.Tick action) throws Exception {
        for (int k = 1; k <= ticks; k++) {
            if (!awaitDue(start + k * nanos) || !fire()) {
                return; // cancelled
            }
            action.run(k);
            if (!endTick()) {
                return; // cancelled during the tick, which ran to its end
            }
        }
    }
}
